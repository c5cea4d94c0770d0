/**
 * Local transitions of the thread state (what the frame itself does, as opposed to what the run
 * stream says, which is `reduce`). Pure, like the reducer.
 */
import { ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { emptyThread, type ThreadState } from './types.js'
import { endRun, failMessage, hasStreamingAnswer } from './messages.js'

type ErrorInfo = { code: string; message: string }

/** The user sent `text`: show it at once and start waiting for the answer. */
export function userMessageSent(state: ThreadState, text: string, clientId: string): ThreadState {
  return {
    ...state,
    phase: 'running',
    runId: null,
    currentMessageId: null,
    notice: null,
    messages: [...state.messages, { id: clientId, clientId, role: 'user', status: 'done', parts: [{ type: 'text', text }] }],
  }
}

export function threadCreated(state: ThreadState, threadId: string): ThreadState {
  return { ...state, threadId }
}

export function runIdKnown(state: ThreadState, runId: string | null): ThreadState {
  return runId && !state.runId ? { ...state, runId } : state
}

/** The run failed on our side (HTTP error, network, broken stream): show it in the answer. */
export function runFailed(state: ThreadState, error: ErrorInfo): ThreadState {
  return endRun(failMessage(state, error, hasStreamingAnswer(state) ? 'current' : 'new'), 'error')
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

export function setNotice(state: ThreadState, notice: ErrorInfo | null): ThreadState {
  return { ...state, notice }
}
