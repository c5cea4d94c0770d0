/**
 * `sendUserMessage` and `setComposerValue` parameters (chatkit-types' shapes) checked into what the
 * frame does with them. Every field either works or is refused with `not_supported` naming it:
 * - send: `text` or `content` (strings / `{text}` parts, joined), `newThread`, `model` and
 *   `toolChoice {id}` for this message, `attachments` already uploaded (`{id, name, mime_type}` →
 *   `input.input.files`), `references` (code / quote / image) and `reply` (a quote) →
 *   `input.input.references`, `state` merged into `input.state`, `followUpMode` `default`/`queue`;
 * - composer: `text`, `selectedToolId`, `selectedModelId` (each optional: partial updates).
 */
import { ChatKitError, ErrorCodes, type RunRequest, isRecord } from '@xpert-ai/chatkit-protocol'
import { withExtras } from '../composer/run-extras.js'
import type { UploadedFile } from '../attachments/index.js'

export type HostMessage = {
  text: string
  newThread: boolean
  /** Builds this message's run request from the ordinary one; absent when nothing is added. */
  extend?: (body: RunRequest) => RunRequest
}
export type ComposerPatch = { text?: string; toolId?: string | null; modelId?: string | null }

const bad = (m: string) => new ChatKitError(ErrorCodes.InvalidOptions, m)
const refuse = (field: string, why: string) => new ChatKitError(ErrorCodes.NotSupported, `${field} is not supported: ${why}`)

const SEND_KEYS = ['text', 'content', 'newThread', 'model', 'toolChoice', 'attachments', 'references', 'reply', 'state', 'followUpMode']

export function parseHostMessage(p: unknown): HostMessage {
  if (!isRecord(p)) throw bad('sendUserMessage expects {text or content, …}')
  for (const k of Object.keys(p)) if (p[k] !== undefined && !SEND_KEYS.includes(k)) throw refuse(`sendUserMessage.${k}`, 'this ChatKit has no such feature')
  const parts = Array.isArray(p.content) ? p.content.map((c) => (typeof c === 'string' ? c : isRecord(c) && typeof c.text === 'string' ? c.text : '')) : []
  const text = typeof p.text === 'string' && p.text.trim() ? p.text : parts.join('\n')
  if (!text.trim()) throw bad('sendUserMessage expects a non-empty text (or content with text parts)')
  if (p.followUpMode !== undefined && p.followUpMode !== 'default' && p.followUpMode !== 'queue') {
    throw refuse(
      'sendUserMessage.followUpMode',
      `"${String(p.followUpMode).slice(0, 20)}": only default / queue (messages sent while an answer streams wait for it)`,
    )
  }
  if (p.model !== undefined && (typeof p.model !== 'string' || !p.model)) throw bad('sendUserMessage.model must be a model id')
  const tool = p.toolChoice === undefined ? undefined : isRecord(p.toolChoice) && typeof p.toolChoice.id === 'string' ? p.toolChoice.id : null
  if (tool === null) throw bad('sendUserMessage.toolChoice must be {id: string}')
  if (p.state !== undefined && !isRecord(p.state)) throw bad('sendUserMessage.state must be an object')
  const files = list(p.attachments, 'attachments').map((a, i) => {
    if (!isRecord(a) || typeof a.id !== 'string' || typeof a.name !== 'string')
      throw bad(`sendUserMessage.attachments[${i}] must be {id, name, mime_type} of an uploaded file`)
    return { id: a.id, name: a.name, mimeType: typeof a.mime_type === 'string' ? a.mime_type : 'application/octet-stream' }
  })
  const references = list(p.references, 'references').map((r, i) => {
    if (!isRecord(r) || !['code', 'quote', 'image'].includes(r.type as string) || typeof r.text !== 'string') {
      throw bad(`sendUserMessage.references[${i}] must be {type: code | quote | image, text, …}`)
    }
    return r
  })
  if (p.reply !== undefined) {
    if (typeof p.reply !== 'string') throw bad('sendUserMessage.reply must be a string')
    references.unshift({ type: 'quote', text: p.reply })
  }
  const state = p.state as Record<string, unknown> | undefined
  const model = p.model as string | undefined
  const extras = files.length || references.length || state || model || tool
  return {
    text,
    newThread: p.newThread === true,
    extend: extras
      ? (body) => {
          const out = withExtras(body, { files: files as UploadedFile[], model: model ?? null, toolId: tool ?? null, entities: [] })
          const input = { ...out.input, input: { ...out.input.input! } }
          if (references.length) input.input.references = [...(input.input.references ?? []), ...references]
          if (state) input.state = { ...state, ...input.state, human: { ...(state.human as object), ...input.state?.human } }
          return { ...out, input }
        }
      : undefined,
  }
}

function list(v: unknown, name: string): unknown[] {
  if (v === undefined) return []
  if (!Array.isArray(v)) throw bad(`sendUserMessage.${name} must be an array`)
  return [...v]
}

export function parseComposerPatch(p: unknown): ComposerPatch {
  if (!isRecord(p)) throw bad('setComposerValue expects {text?, selectedToolId?, selectedModelId?}')
  for (const k of ['reply', 'references', 'appendReferences']) {
    if (p[k] !== undefined) throw refuse(`setComposerValue.${k}`, 'the composer has no reply or reference chips; pass them to sendUserMessage')
  }
  if (Array.isArray(p.attachments) && p.attachments.length)
    throw refuse('setComposerValue.attachments', 'attach files in the composer, or pass uploaded files to sendUserMessage')
  const out: ComposerPatch = {}
  if (p.text !== undefined) {
    if (typeof p.text !== 'string') throw bad('setComposerValue.text must be a string')
    out.text = p.text
  }
  for (const [key, to] of [
    ['selectedToolId', 'toolId'],
    ['selectedModelId', 'modelId'],
  ] as const) {
    const v = p[key]
    if (v === undefined) continue
    if (v !== null && typeof v !== 'string') throw bad(`setComposerValue.${key} must be an id or null`)
    out[to] = v
  }
  if (!Object.keys(out).length) throw bad('setComposerValue expects at least one of text, selectedToolId, selectedModelId')
  return out
}
