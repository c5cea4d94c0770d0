import type { ContextUsage } from '@xpert-ai/chatkit-protocol'
import type { ChatToolCall } from './chat-messages.js'
import { sseData } from './sse-data.js'

export type CompletionEvent =
  | { type: 'text' | 'reasoning'; text: string }
  | { type: 'tool_calls'; calls: ChatToolCall[] }
  | { type: 'usage'; usage: ContextUsage }

type Delta = {
  content?: string | null
  reasoning_content?: string | null
  reasoning?: string | null
  tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[]
}

/**
 * One streamed chat completion → text / reasoning deltas, the completed tool calls (fragments
 * accumulated by `index`, as every compatible server sends them) and usage. HTTP errors and
 * `{"error":…}` chunks throw with the server's message.
 */
export async function* streamCompletion(o: {
  url: string
  apiKey?: string
  body: unknown
  signal: AbortSignal
  fetch?: typeof fetch
}): AsyncGenerator<CompletionEvent> {
  const res = await (o.fetch ?? fetch)(o.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
    body: JSON.stringify(o.body),
    signal: o.signal,
  })
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '')
    throw new Error(`model server answered ${res.status}: ${errorMessage(text) ?? (text.slice(0, 300) || res.statusText)}`)
  }
  const calls = new Map<number, ChatToolCall>()
  for await (const data of sseData(res.body)) {
    if (data.trim() === '[DONE]') break
    let chunk: { choices?: { delta?: Delta; finish_reason?: string | null }[]; usage?: Record<string, number> | null; error?: unknown }
    try {
      chunk = JSON.parse(data)
    } catch {
      throw new Error(`model server sent a malformed chunk: ${data.slice(0, 200)}`)
    }
    if (chunk.error) throw new Error(`model server error: ${errorMessage(JSON.stringify(chunk)) ?? 'unknown error'}`)
    const delta = chunk.choices?.[0]?.delta
    if (delta?.reasoning_content) yield { type: 'reasoning', text: delta.reasoning_content }
    else if (delta?.reasoning) yield { type: 'reasoning', text: delta.reasoning }
    if (delta?.content) yield { type: 'text', text: delta.content }
    for (const [i, tc] of (delta?.tool_calls ?? []).entries()) {
      const index = tc.index ?? i
      const call = calls.get(index) ?? { id: '', type: 'function' as const, function: { name: '', arguments: '' } }
      if (tc.id) call.id = tc.id
      if (tc.function?.name) call.function.name += tc.function.name
      if (tc.function?.arguments) call.function.arguments += tc.function.arguments
      calls.set(index, call)
    }
    const u = chunk.usage
    if (u && typeof u.prompt_tokens === 'number') {
      const output = u.completion_tokens ?? 0
      yield { type: 'usage', usage: { inputTokens: u.prompt_tokens, outputTokens: output, totalTokens: u.total_tokens ?? u.prompt_tokens + output } }
    }
  }
  if (calls.size) {
    const list = [...calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }))
    yield { type: 'tool_calls', calls: list }
  }
}

function errorMessage(text: string): string | null {
  try {
    const e = JSON.parse(text)?.error
    return typeof e === 'string' ? e : typeof e?.message === 'string' ? e.message : null
  } catch {
    return null
  }
}
