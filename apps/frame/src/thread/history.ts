/** Stored messages (`GET /conversations/{id}/messages`) → thread state, through the same content rules as the stream. */
import { ErrorCodes, type ApiMessage } from '@xpert-ai/chatkit-protocol'
import { applyContent } from './content.js'
import { emptyThread, INTERRUPTED, type Message, type MessageStatus, type Part, type ThreadState } from './types.js'

/** `offset`: the stored index of `items[0]`; that many older messages are not loaded yet. */
export function threadFromHistory(threadId: string, items: readonly unknown[], offset = 0): ThreadState {
  return { ...emptyThread, threadId, messages: messagesFromApi(items, offset), olderCount: offset }
}

export function messagesFromApi(items: readonly unknown[], offset = 0): Message[] {
  return items.map((m, i) => messageFromApi(m, offset + i))
}

export function messageFromApi(raw: unknown, index: number): Message {
  const m = (raw ?? {}) as Partial<ApiMessage>
  const id = typeof m.id === 'string' && m.id ? m.id : `history-${index}`
  const role = m.role === 'human' ? 'user' : 'assistant'
  let parts: Part[] = []
  const problems: string[] = []
  const contents = Array.isArray(m.content) ? m.content : [m.content ?? '']
  for (const c of contents) {
    const next = applyContent(parts, c)
    if (typeof next === 'string') problems.push(next)
    else parts = next
  }
  for (const p of problems) parts.push({ type: 'error', code: ErrorCodes.Api, message: `malformed stored message: ${p}` })
  const rating = role === 'assistant' ? m.feedback?.rating : undefined
  const rated = rating === 'like' || rating === 'dislike' ? { feedback: rating } : {}
  // Cut off by the server stopping: interrupted with a reason (crash), or cancelled with one (shutdown).
  if ((m.status === 'interrupted' || m.status === 'cancelled') && m.error) {
    parts.push({ type: 'error', code: INTERRUPTED, message: m.error })
    return { id, role, status: 'error', parts, ...rated }
  }
  const status = statusOf(m.status)
  if (status === 'error') parts.push({ type: 'error', code: ErrorCodes.Stream, message: m.error || 'the run failed' })
  return { id, role, status, parts, ...rated }
}

function statusOf(s: unknown): Exclude<MessageStatus, 'streaming'> {
  if (s === 'cancelled') return 'cancelled'
  if (s === 'error') return 'error'
  // 'streaming' (a run still going on the server) shows what is stored so far; resuming the live
  // stream (`Last-Event-ID`) comes with the server's resume endpoint.
  return 'done'
}
