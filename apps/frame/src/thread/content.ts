/**
 * Message content (a `{type:"message"}` envelope's `data`, or one element of a stored AI message's
 * `content`) → parts. Shared by the live stream and history restore so both render the same.
 */
import type { Part } from './types.js'
import { lastPart } from './messages.js'

/** The new parts, or a string saying why the content is malformed. */
export type ContentResult = Part[] | string

export function applyContent(parts: Part[], content: unknown): ContentResult {
  if (typeof content === 'string') return appendText(parts, 'text', content)
  if (!content || typeof content !== 'object') return `message content must be a string or an object, got ${kind(content)}`
  const c = content as Record<string, unknown>
  switch (c.type) {
    case 'text':
    case 'reasoning':
      if (typeof c.text !== 'string') return `${c.type} content without a string "text"`
      return appendText(parts, c.type, c.text)
    case 'component':
      return mergeComponent(parts, c)
    case 'image_url': {
      const raw = c.image_url as unknown
      const url = typeof raw === 'string' ? raw : (raw as { url?: unknown } | null)?.url
      if (typeof url !== 'string') return 'image_url content without a url'
      return [...parts, { type: 'image', url }]
    }
    default:
      // memory and future content kinds are not shown (yet); a missing type is malformed.
      return typeof c.type === 'string' ? parts : 'message content without a "type"'
  }
}

function appendText(parts: Part[], type: 'text' | 'reasoning', text: string): Part[] {
  if (!text) return parts
  const last = lastPart(parts)
  if (last && last.type === type) return [...parts.slice(0, -1), { type, text: last.text + text }]
  return [...parts, { type, text }]
}

function mergeComponent(parts: Part[], c: Record<string, unknown>): ContentResult {
  if (typeof c.id !== 'string' || !c.id) return 'component content without a string "id"'
  if (!c.data || typeof c.data !== 'object' || Array.isArray(c.data)) return `component ${c.id} without a "data" object`
  const data = c.data as Extract<Part, { type: 'component' }>['data']
  const i = parts.findIndex((p) => p.type === 'component' && p.id === c.id)
  if (i < 0) return [...parts, { type: 'component', id: c.id, data }]
  const prev = parts[i] as Extract<Part, { type: 'component' }>
  const next = parts.slice()
  next[i] = { type: 'component', id: c.id, data: { ...prev.data, ...data } }
  return next
}

export function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v
}
