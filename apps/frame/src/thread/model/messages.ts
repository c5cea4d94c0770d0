/** Small immutable helpers over `ThreadState.messages`; unchanged messages keep their identity. */
import { INTERRUPTED, type Message, type MessageStatus, type ThreadState } from './types.js'
import { closeReasoning } from './content.js'

export function findMessage(state: ThreadState, id: string | null): Message | undefined {
  if (!id) return undefined
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].id === id) return state.messages[i]
  return undefined
}

export function updateMessage(state: ThreadState, id: string, fn: (m: Message) => Message): ThreadState {
  // From the end: the message a stream updates is almost always the last one, so a token costs
  // O(1) lookups even in a 1,000-message thread (plus one array copy when it changes).
  const { messages } = state
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].id !== id) continue
    const next = fn(messages[i])
    if (next === messages[i]) return state
    const copy = messages.slice()
    copy[i] = next
    return { ...state, messages: copy }
  }
  return state
}

/**
 * The assistant message that content goes to: `id` if given (created when new), else the current
 * one, else a new one. Returns the state (possibly with the new message) and the message id.
 */
export function ensureAssistant(state: ThreadState, id?: string | null): [ThreadState, string] {
  const target = id || state.currentMessageId
  if (target && findMessage(state, target)) {
    return [target === state.currentMessageId ? state : { ...state, currentMessageId: target }, target]
  }
  const newId = target || `local-ai-${state.messages.length}`
  const message: Message = { id: newId, role: 'assistant', status: 'streaming', parts: [] }
  return [{ ...state, messages: [...state.messages, message], currentMessageId: newId }, newId]
}

/**
 * Adds an error part to the current assistant message (or to a new one when `where` is `'new'`,
 * e.g. a run that failed before any answer started) and marks it failed.
 */
export function failMessage(state: ThreadState, error: { code: string; message: string }, where: 'current' | 'new' = 'current'): ThreadState {
  const [s, target] = ensureAssistant(where === 'new' ? { ...state, currentMessageId: null } : state)
  return updateMessage(s, target, (m) => ({
    ...m,
    status: 'error',
    parts: [...m.parts, { type: 'error', code: error.code, message: error.message }],
  }))
}

/** Gives every still-streaming message a final status. */
function settleStreaming(state: ThreadState, status: Exclude<MessageStatus, 'streaming'>, now?: number): ThreadState {
  if (!state.messages.some((m) => m.status === 'streaming')) return state
  return { ...state, messages: state.messages.map((m) => (m.status === 'streaming' ? settleMessage(m, status, now) : m)) }
}

export function settleMessage(m: Message, status: MessageStatus, now?: number): Message {
  const timing = now === undefined ? {} : { at: now, ...(m.startedAt === undefined ? {} : { durationMs: now - m.startedAt }) }
  return { ...m, status, parts: closeReasoning(m.parts, now), ...timing }
}

/** The run is over: nothing streams any more. */
export function endRun(state: ThreadState, status: Exclude<MessageStatus, 'streaming'> = 'done', now?: number): ThreadState {
  const s = settleStreaming(state, status, now)
  return { ...s, phase: 'idle', runId: null, currentMessageId: null, reconnecting: false }
}

/**
 * The server stopped during the run (a shutdown cancels it, a crash leaves it interrupted): the
 * answer so far stays, marked as cut off, and the run ends failed so it can be retried.
 */
export function interruptedByServer(state: ThreadState, reason: string, now?: number): ThreadState {
  const last = state.messages[state.messages.length - 1]
  const cut = last?.role === 'assistant' && (last.status === 'streaming' || last.status === 'cancelled')
  const error = { code: INTERRUPTED, message: reason }
  const s = cut
    ? updateMessage(state, last.id, (m) => {
        const settled = settleMessage(m, 'error', now)
        return { ...settled, parts: [...settled.parts, { type: 'error', ...error }] }
      })
    : failMessage(state, error, 'new')
  return endRun(s, 'error', now)
}

/** True while an assistant message of the run is still streaming. */
export function hasStreamingAnswer(state: ThreadState): boolean {
  return state.messages.some((m) => m.role === 'assistant' && m.status === 'streaming')
}
