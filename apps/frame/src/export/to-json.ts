/**
 * The conversation as JSON, schema `chatkit.conversation` version 1 (docs/export.md): the messages
 * of the branch shown, in order. Pure: the same thread always gives the same document.
 */
import type { Message } from '../thread/index.js'
import { ownExtras, type OwnAttachment, type OwnReference } from '../thread/model/own-extras.js'

const EXPORT_FORMAT = 'chatkit.conversation'
const EXPORT_VERSION = 1

export type ExportedTool = { id: string; type: string; title: string; status: string; input?: unknown; output?: unknown; error?: string }
export type ExportedMessage = {
  id: string
  role: 'user' | 'assistant'
  status: Message['status']
  /** The message's text parts, joined (Markdown for answers, as typed for questions). */
  text: string
  attachments?: OwnAttachment[]
  references?: OwnReference[]
  reasoning?: string
  tools?: ExportedTool[]
  images?: { url: string; alt?: string }[]
  errors?: { code: string; message: string }[]
  feedback?: 'like' | 'dislike'
}
export type ConversationExport = {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  exportedAt: string
  threadId: string | null
  title: string | null
  messages: ExportedMessage[]
}

export type ExportSource = { threadId: string | null; title: string | null; messages: readonly Message[]; at: Date }

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** A tool step's summary (title, status, input, output, error); widgets and artifacts too, by type. */
function toolOf(p: Extract<Message['parts'][number], { type: 'component' }>): ExportedTool {
  const d = p.data as Record<string, unknown>
  const type = str(d.type) || 'component'
  return {
    id: p.id,
    type,
    title: str(d.title) || type,
    status: str(d.status) || 'running',
    ...(d.input !== undefined ? { input: d.input } : {}),
    ...(d.output !== undefined ? { output: d.output } : {}),
    ...(str(d.error) ? { error: str(d.error) } : {}),
  }
}

export function exportedMessage(m: Message): ExportedMessage {
  const of = <T extends Message['parts'][number]['type']>(type: T) =>
    m.parts.filter((p): p is Extract<Message['parts'][number], { type: T }> => p.type === type)
  const text = of('text')
    .map((p) => p.text)
    .join('')
  const reasoning = of('reasoning')
    .map((p) => p.text)
    .join('\n\n')
  const tools = of('component').map(toolOf)
  const images = of('image').map((p) => ({ url: p.url, ...(p.alt ? { alt: p.alt } : {}) }))
  const errors = of('error').map((p) => ({ code: p.code, message: p.message }))
  const { attachments, references } = ownExtras(m.sent?.files, m.sent?.references)
  return {
    id: m.id,
    role: m.role,
    status: m.status,
    text,
    ...(attachments.length ? { attachments } : {}),
    ...(references.length ? { references } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(tools.length ? { tools } : {}),
    ...(images.length ? { images } : {}),
    ...(errors.length ? { errors } : {}),
    ...(m.feedback ? { feedback: m.feedback } : {}),
  }
}

export function toJson(src: ExportSource): ConversationExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: src.at.toISOString(),
    threadId: src.threadId,
    title: src.title,
    messages: src.messages.map(exportedMessage),
  }
}
