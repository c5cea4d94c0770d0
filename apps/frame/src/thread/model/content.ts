/**
 * Message content (a `{type:"message"}` envelope's `data`, or one element of a stored AI message's
 * `content`) → parts. Shared by the live stream and history restore so both render the same.
 * `now` is the frame clock time the content arrived (undefined for history: no live timings).
 */
import { editable } from './in-place.js'
import type { Part } from './types.js'

/** The new parts, or a string saying why the content is malformed. */
export type ContentResult = Part[] | string

type ComponentPart = Extract<Part, { type: 'component' }>

export function applyContent(parts: Part[], content: unknown, now?: number): ContentResult {
  if (typeof content === 'string') return appendText(parts, 'text', content, undefined, now)
  if (!content || typeof content !== 'object') return `message content must be a string or an object, got ${kind(content)}`
  const c = content as Record<string, unknown>
  switch (c.type) {
    case 'text':
    case 'reasoning':
      if (typeof c.text !== 'string') return `${c.type} content without a string "text"`
      return appendText(parts, c.type, c.text, typeof c.agentKey === 'string' && c.agentKey ? c.agentKey : undefined, now)
    case 'component':
      return mergeComponent(parts, c, now)
    case 'image_url': {
      const raw = c.image_url as unknown
      const url = typeof raw === 'string' ? raw : (raw as { url?: unknown } | null)?.url
      if (typeof url !== 'string') return 'image_url content without a url'
      const alt = (raw as { alt?: unknown } | null)?.alt
      return push(closeReasoning(parts, now), { type: 'image', url, ...(typeof alt === 'string' && alt ? { alt } : {}) })
    }
    case 'sources':
    case 'suggestions': {
      const list = c[c.type]
      if (!Array.isArray(list)) return `${c.type} content without a list`
      return [...parts.filter((p) => p.type !== c.type), { type: c.type, list }]
    }
    default:
      // memory and future content kinds are not shown (yet); a missing type is malformed.
      return typeof c.type === 'string' ? parts : 'message content without a "type"'
  }
}

function appendText(parts: Part[], type: 'text' | 'reasoning', text: string, agentKey: string | undefined, now: number | undefined): Part[] {
  if (!text) return parts
  // Sources and suggestions are about the whole answer: text flows on past them.
  const i = parts.findLastIndex((p) => p.type !== 'sources' && p.type !== 'suggestions')
  const last = parts[i]
  if (last && last.type === type && last.agentKey === agentKey) return replaceAt(parts, i, { ...last, text: last.text + text })
  if (type === 'text') return push(closeReasoning(parts, now), { type, text, ...(agentKey ? { agentKey } : {}) })
  return push(closeReasoning(parts, now), { type, text, ...(agentKey ? { agentKey } : {}), ...(now !== undefined ? { startedAt: now } : {}) })
}

/** The thinking is over once anything else arrives: the open reasoning part gets its end time. */
export function closeReasoning(parts: Part[], now: number | undefined): Part[] {
  const last = parts.at(-1)
  if (last?.type !== 'reasoning' || last.endedAt !== undefined || last.startedAt === undefined) return parts
  // Without a time (a local stop or failure), "now" is when it was cut.
  return replaceLast(parts, { ...last, endedAt: now ?? Date.now() })
}

function push(parts: Part[], part: Part): Part[] {
  const [next] = editable(parts)
  next.push(part)
  return next
}

function replaceAt(parts: Part[], i: number, part: Part): Part[] {
  const [next] = editable(parts)
  next[i] = part
  return next
}

const replaceLast = (parts: Part[], part: Part): Part[] => replaceAt(parts, parts.length - 1, part)

const FINAL = new Set(['success', 'fail', 'error'])

function mergeComponent(parts: Part[], c: Record<string, unknown>, now: number | undefined): ContentResult {
  if (typeof c.id !== 'string' || !c.id) return 'component content without a string "id"'
  if (!c.data || typeof c.data !== 'object' || Array.isArray(c.data)) return `component ${c.id} without a "data" object`
  const data = c.data as ComponentPart['data']
  const ended = FINAL.has(String(data.status)) && now !== undefined ? { endedAt: now } : {}
  const [next, ids] = editable(parts)
  const i = ids.get(c.id)
  if (i === undefined) {
    const started = now !== undefined ? { startedAt: now } : {}
    // In a batch, closing the reasoning changes `next` in place: `ids` stays right.
    ids.set(c.id, next.length)
    return push(closeReasoning(next, now), { type: 'component', id: c.id, data, ...started, ...ended })
  }
  const prev = next[i] as ComponentPart
  next[i] = { ...prev, data: { ...prev.data, ...data }, ...(prev.endedAt === undefined ? ended : {}) }
  return next
}

export function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v
}
