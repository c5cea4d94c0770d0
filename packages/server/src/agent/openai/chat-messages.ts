import type { ApiMessage } from '@xpert-ai/chatkit-protocol'
import type { AgentFile, AgentFiles, AgentInput } from '../types.js'

/** A part of a user message (chat-completions multimodal content). */
type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }

/** A chat-completions message (only the fields every compatible server understands). */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string }
export type ChatToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } }

/** How attached files reach the model. */
export type AttachmentLimits = {
  /** Images up to this size go as `image_url` parts (base64 `data:` URLs). Default 5 MiB. */
  maxImageBytes?: number
  /** Text files up to this size go inline as text. Default 64 KiB. */
  maxTextBytes?: number
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
const TEXT_TYPE = /^text\/|^application\/(json|xml|x-yaml|yaml|javascript|typescript|x-ndjson|csv)\b|\+json$|\+xml$/

/** A chat message whose content is plain text (what the adapters hand to their frameworks). */
export type TextChatMessage = { role: 'system' | 'user' | 'assistant'; content: string }

/**
 * Thread history → chat messages. AI answers contribute their text parts only (reasoning and tool
 * steps were the model's own work, not part of the conversation); empty answers (cancelled before
 * any text) are skipped.
 */
function historyMessages(history: ApiMessage[], system?: string): TextChatMessage[] {
  const out: TextChatMessage[] = system ? [{ role: 'system', content: system }] : []
  for (const m of history) {
    if (m.role === 'human') out.push({ role: 'user', content: typeof m.content === 'string' ? m.content : '' })
    else {
      const text = typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('')
      if (text) out.push({ role: 'assistant', content: text })
    }
  }
  return out
}

const attachedNote = (f: AgentFile) => `[attached: ${f.name} (${f.mimeType}, ${f.size} bytes)]`

/**
 * Thread history + the new turn as text only: attached files are named in the user turn (an agent
 * that wants their content reads them through `ctx.files`). What the framework adapters send.
 */
export function toTextChatMessages(history: ApiMessage[], input: AgentInput, system?: string): TextChatMessage[] {
  const out = historyMessages(history, system)
  out.push({ role: 'user', content: [input.text, ...input.files.map(attachedNote)].filter(Boolean).join('\n') })
  return out
}

/**
 * Thread history + the new turn → chat messages for the built-in `openai` agent. Files attached to
 * the new turn are read through `ctx.files`: images become `image_url` parts, text files are
 * inlined, and anything else (or too large) is named as `[attached: name (type, size)]`.
 */
export async function toChatMessages(
  history: ApiMessage[],
  input: AgentInput,
  files: AgentFiles,
  system?: string,
  limits: AttachmentLimits = {},
): Promise<ChatMessage[]> {
  const out: ChatMessage[] = historyMessages(history, system)
  if (!input.files.length) {
    out.push({ role: 'user', content: input.text })
    return out
  }
  const parts: ChatContentPart[] = input.text ? [{ type: 'text', text: input.text }] : []
  for (const f of input.files) parts.push(await filePart(f, files, limits))
  out.push({ role: 'user', content: parts })
  return out
}

async function filePart(f: AgentFile, files: AgentFiles, limits: AttachmentLimits): Promise<ChatContentPart> {
  const note: ChatContentPart = { type: 'text', text: attachedNote(f) }
  if (IMAGE_TYPES.has(f.mimeType) && f.size <= (limits.maxImageBytes ?? 5 * 1024 * 1024)) {
    const bytes = await files.bytes(f)
    return { type: 'image_url', image_url: { url: `data:${f.mimeType};base64,${Buffer.from(bytes).toString('base64')}` } }
  }
  const maxText = limits.maxTextBytes ?? 64 * 1024
  if (TEXT_TYPE.test(f.mimeType) && f.size <= maxText) {
    const text = await files.text(f, { maxBytes: maxText })
    return { type: 'text', text: `File ${f.name}:\n\`\`\`\n${text}\n\`\`\`` }
  }
  return note
}
