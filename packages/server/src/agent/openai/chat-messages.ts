import type { ApiMessage } from '@xpert-ai/chatkit-protocol'
import type { AgentInput } from '../types.js'

/** A chat-completions message (only the fields every compatible server understands). */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string }
export type ChatToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } }

/**
 * Thread history + the new turn → chat messages. AI answers contribute their text parts only
 * (reasoning and tool steps were the model's own work, not part of the conversation); empty
 * answers (cancelled before any text) are skipped. Attached files are named in the user turn.
 */
export function toChatMessages(history: ApiMessage[], input: AgentInput, system?: string): ChatMessage[] {
  const out: ChatMessage[] = system ? [{ role: 'system', content: system }] : []
  for (const m of history) {
    if (m.role === 'human') out.push({ role: 'user', content: typeof m.content === 'string' ? m.content : '' })
    else {
      const text = typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('')
      if (text) out.push({ role: 'assistant', content: text })
    }
  }
  const files = input.files.map((f) => `[attached: ${f.name} (${f.mimeType}, ${f.size} bytes)]`)
  out.push({ role: 'user', content: [input.text, ...files].filter(Boolean).join('\n') })
  return out
}
