/**
 * Local transitions of the thread state (what the frame itself does, as opposed to what the run
 * stream says, which is `reduce`). Pure, like the reducer.
 */
import { ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { emptyThread, type SentWith, type Message, type Part, type ThreadState } from './types.js'
import { endRun, failMessage, hasStreamingAnswer, updateMessage } from './messages.js'

type ErrorInfo = { code: string; message: string }

/** The user sent `text` (with `sent`: its files and references): show it at once and wait for the answer. */
export function userMessageSent(state: ThreadState, text: string, clientId: string, sent?: SentWith, at = Date.now()): ThreadState {
  return {
    ...state,
    phase: 'running',
    runId: null,
    currentMessageId: null,
    notice: null,
    messages: [...state.messages, { id: clientId, clientId, role: 'user', status: 'done', parts: [{ type: 'text', text }], at, ...(sent ? { sent } : {}) }],
  }
}

export function threadCreated(state: ThreadState, threadId: string): ThreadState {
  return { ...state, threadId }
}

/** The run's response is in: the server has the request (so no message of it is unsent any more). */
export function runIdKnown(state: ThreadState, runId: string | null): ThreadState {
  const s = state.messages.some((m) => m.unsent) ? { ...state, messages: state.messages.map((m) => (m.unsent ? sent(m) : m)) } : state
  return runId && !s.runId ? { ...s, runId } : s
}

function sent({ unsent: _, ...m }: Message): Message {
  return m
}

/**
 * The run failed on our side (HTTP error, network, broken stream): show it in the answer.
 * `unsent`: the client id of a user message the server never received (Retry sends it).
 */
export function runFailed(state: ThreadState, error: ErrorInfo, unsent?: string): ThreadState {
  const s = unsent ? { ...state, messages: state.messages.map((m) => (m.clientId === unsent && m.role === 'user' ? { ...m, unsent: true } : m)) } : state
  return endRun(failMessage(s, error, hasStreamingAnswer(s) ? 'current' : 'new'), 'error')
}

/** The user stopped the answer: keep what arrived, marked cancelled. */
export function runStopped(state: ThreadState): ThreadState {
  return endRun(state, 'cancelled')
}

/** The response body ended. Without `complete`/`on_conversation_end` first, it was cut off. */
export function streamClosed(state: ThreadState): ThreadState {
  if (state.phase !== 'running') return state
  return runFailed(state, { code: ErrorCodes.Stream, message: 'the answer stream ended before the run finished' })
}

/** The answer's stream broke and is being rejoined (true), or is back (false). */
export function reconnecting(state: ThreadState, on: boolean): ThreadState {
  return state.reconnecting === on ? state : { ...state, reconnecting: on }
}

/**
 * A loaded thread whose newest answer (`messageId`) is still being written by run `runId`: the
 * thread runs again and that answer streams; until the run's replay arrives it shows what was stored.
 */
export function rejoinStarted(state: ThreadState, messageId: string, runId: string): ThreadState {
  const s = updateMessage(state, messageId, (m) => ({ ...m, status: 'streaming' }))
  return { ...s, phase: 'running', runId, currentMessageId: messageId, notice: null }
}

/** The rejoined run's events replay from its first one: they rebuild the answer, replacing the stored copy. */
export function replayStarted(state: ThreadState, messageId: string): ThreadState {
  return updateMessage(state, messageId, (m) => ({ ...m, parts: [] }))
}

/** The thread as the server stored it, replacing what the run streamed (its events are gone). Keeps the queue. */
export function reloadedAfterRun(state: ThreadState, stored: ThreadState): ThreadState {
  return { ...stored, queued: state.queued }
}

export function newThread(): ThreadState {
  return emptyThread
}

export function loadStarted(threadId: string): ThreadState {
  return { ...emptyThread, threadId, phase: 'loading' }
}

/** A thread that cannot be loaded leaves a new, empty thread with a notice saying why. */
export function loadFailed(threadId: string, error: ErrorInfo): ThreadState {
  return { ...emptyThread, notice: { code: error.code, message: `Could not load conversation ${threadId}: ${error.message}` } }
}

/** A resume, retry or custom action starts a run without a new user message. */
export function runStarted(state: ThreadState): ThreadState {
  return { ...state, phase: 'running', runId: null, currentMessageId: null, notice: null }
}

/** A message typed while an answer streams waits, visibly, for its turn. */
export function messageQueued(state: ThreadState, text: string, clientId: string): ThreadState {
  return { ...state, queued: [...state.queued, { clientId, text }] }
}

export function dequeued(state: ThreadState): ThreadState {
  return { ...state, queued: state.queued.slice(1) }
}

export function queueRemoved(state: ThreadState, clientId: string): ThreadState {
  return { ...state, queued: state.queued.filter((q) => q.clientId !== clientId) }
}

/** The user (or the host's client tools) answered `messageId`'s pending interrupts. */
export function interruptsResolved(state: ThreadState, messageId: string, summary: string): ThreadState {
  return updateMessage(state, messageId, (m) => ({
    ...m,
    parts: m.parts.map((p) => (p.type === 'interrupt' && !p.resolved ? { ...p, resolved: summary } : p)),
  }))
}

/**
 * A retry replaces the answer to the last user message: everything after it goes. Returns the
 * state, that message's text, and its client id when the server never acknowledged it (a send
 * that failed to reach it: that one is sent again, not regenerated), or null when there is
 * nothing to retry.
 */
export function retryStarted(state: ThreadState): [ThreadState, string, string | null] | null {
  let i = state.messages.length - 1
  while (i >= 0 && state.messages[i].role !== 'user') i--
  if (i < 0) return null
  const user = state.messages[i]
  const text = user.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
  const unsent = user.unsent && user.clientId ? user.clientId : null
  return [runStarted({ ...state, messages: state.messages.slice(0, i + 1) }), text, unsent]
}

export function feedbackGiven(state: ThreadState, messageId: string, rating: 'like' | 'dislike'): ThreadState {
  return updateMessage(state, messageId, (m) => ({ ...m, feedback: rating }))
}

/** Older stored messages arrived (scrolling up): they go before the loaded ones. */
export function olderLoaded(state: ThreadState, older: Message[], olderCount: number): ThreadState {
  const known = new Set(state.messages.map((m) => m.id))
  return { ...state, messages: [...older.filter((m) => !known.has(m.id)), ...state.messages], olderCount }
}

/** A client tool call the host runs, shown as a tool step of the interrupted message. */
export function clientToolStep(
  state: ThreadState,
  messageId: string,
  call: { id: string; name: string; args: Record<string, unknown> },
  result: { status: 'running' } | { status: 'success' | 'fail'; output?: unknown; error?: string },
  now: number,
): ThreadState {
  const id = `client-tool:${call.id}`
  return updateMessage(state, messageId, (m) => {
    const i = m.parts.findIndex((p) => p.type === 'component' && p.id === id)
    const base = { category: 'Tool', type: call.name, title: call.name, input: call.args, client: true }
    if (i < 0) return { ...m, parts: [...m.parts, { type: 'component', id, data: { ...base, ...result }, startedAt: now }] }
    const prev = m.parts[i] as Extract<Part, { type: 'component' }>
    const parts = m.parts.slice()
    parts[i] = { ...prev, data: { ...prev.data, ...result }, endedAt: now }
    return { ...m, parts }
  })
}

/** The newest question shown (↑ in an empty composer edits it). */
export function latestQuestion(state: ThreadState): Message | undefined {
  for (let i = state.messages.length - 1; i >= 0; i--) if (state.messages[i].role === 'user') return state.messages[i]
  return undefined
}
