/** Stored messages (`GET /conversations/{id}/messages`) → thread state, through the same content rules as the stream. */
import { ErrorCodes, type ApiMessage } from '@xpert-ai/chatkit-protocol'
import { applyContent } from './content.js'
import { inPlace } from './in-place.js'
import { emptyThread, INTERRUPTED, type Message, type MessageStatus, type Part, type ThreadState } from './types.js'

/** `offset`: the stored index of `items[0]`; that many older messages are not loaded yet. */
export function threadFromHistory(threadId: string, items: readonly unknown[], offset = 0): ThreadState {
  return { ...emptyThread, threadId, messages: messagesFromApi(items, offset), olderCount: offset }
}

export function messagesFromApi(items: readonly unknown[], offset = 0): Message[] {
  return inPlace(() => items.map((m, i) => messageFromApi(m, offset + i)))
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
  const at = Date.parse(m.updatedAt ?? '')
  const extra = {
    ...(rating === 'like' || rating === 'dislike' ? { feedback: rating } : {}),
    ...(Number.isFinite(at) ? { at } : {}),
    ...(role === 'assistant' && typeof m.durationMs === 'number' && m.durationMs >= 0 ? { durationMs: m.durationMs } : {}),
    ...(role === 'user' && (m.attachments || m.references) ? { sent: { files: m.attachments, references: m.references } } : {}),
    ...branchOf(m),
  }
  // Cut off by the server stopping: interrupted with a reason (crash), or cancelled with one (shutdown).
  if ((m.status === 'interrupted' || m.status === 'cancelled') && m.error) {
    parts.push({ type: 'error', code: INTERRUPTED, message: m.error })
    return { id, role, status: 'error', parts, ...extra }
  }
  const status = statusOf(m.status)
  if (status === 'error') parts.push({ type: 'error', code: ErrorCodes.Stream, message: m.error || 'the run failed' })
  return { id, role, status, parts, ...extra }
}

/** Where the message sits in the thread's tree (`parentId`, `siblingIds`), when the server says. */
export function branchOf(m: Partial<ApiMessage>): Pick<Message, 'parentId' | 'siblingIds'> {
  const parent = typeof m.parentId === 'string' || m.parentId === null ? { parentId: m.parentId } : {}
  const ids = Array.isArray(m.siblingIds) ? m.siblingIds.filter((x): x is string => typeof x === 'string' && !!x) : []
  return ids.length > 1 ? { ...parent, siblingIds: ids } : parent
}

function statusOf(s: unknown): Exclude<MessageStatus, 'streaming'> {
  if (s === 'cancelled') return 'cancelled'
  if (s === 'error') return 'error'
  // 'streaming' (a run still going on the server) shows what is stored so far; a thread opened
  // with such an answer rejoins its run (`liveRun`), which makes that answer stream again.
  return 'done'
}

/**
 * The run still writing the thread's newest answer: the last stored AI message, when it is
 * `streaming` and names its run. Opening the thread rejoins that run's event stream; an answer
 * the server cut off (`interrupted`, after a restart) is not live and loads as cut off.
 */
export function liveRun(items: readonly unknown[]): { messageId: string; runId: string } | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const m = (items[i] ?? {}) as Partial<ApiMessage>
    if (m.role !== 'ai') continue
    if (m.status !== 'streaming' || typeof m.id !== 'string' || !m.id || typeof m.runId !== 'string' || !m.runId) return null
    return { messageId: m.id, runId: m.runId }
  }
  return null
}
