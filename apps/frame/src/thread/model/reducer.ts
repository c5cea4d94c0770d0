/**
 * The pure core of the conversation: `reduce(state, envelope)` folds one SSE envelope of the run
 * stream into the thread state. It never throws: bad input becomes a visible error part, because
 * a stream from a buggy or hostile agent must not break the thread.
 */
import { ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ThreadState } from './types.js'
import { applyContent, kind } from './content.js'
import { handleEvent } from './events.js'
import { endRun, ensureAssistant, failMessage, findMessage, hasStreamingAnswer, updateMessage } from './messages.js'

export function reduce(state: ThreadState, envelope: unknown, now?: number): ThreadState {
  try {
    const result = step(state, envelope, now)
    return typeof result === 'string' ? malformed(state, result) : result
  } catch (e) {
    return malformed(state, e instanceof Error ? e.message : String(e))
  }
}

/** Records a malformed event as an error part in the current answer; the run goes on. */
export function malformed(state: ThreadState, reason: string): ThreadState {
  const [s, id] = ensureAssistant(state)
  return updateMessage(s, id, (m) => ({
    ...m,
    parts: [...m.parts, { type: 'error', code: ErrorCodes.Stream, message: `malformed stream event: ${reason}` }],
  }))
}

function step(state: ThreadState, envelope: unknown, now?: number): ThreadState | string {
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) return `expected an object, got ${kind(envelope)}`
  const env = envelope as Record<string, unknown>
  switch (env.type) {
    case 'message':
      return message(state, env.data, now)
    case 'event':
      if (typeof env.event !== 'string') return 'event envelope without an "event" name'
      return handleEvent(state, env.event, env.data, now)
    case 'complete':
      return endRun(state, 'done', now)
    case 'error': {
      const err = env.error as { code?: unknown; message?: unknown } | undefined
      const code = typeof err?.code === 'string' ? err.code : ErrorCodes.Stream
      const message = typeof err?.message === 'string' ? err.message : 'the stream reported an error'
      return endRun(failMessage(state, { code, message }, hasStreamingAnswer(state) ? 'current' : 'new'), 'error', now)
    }
    default:
      return typeof env.type === 'string' ? state : 'envelope without a "type"'
  }
}

function message(state: ThreadState, data: unknown, now?: number): ThreadState | string {
  // Text and reasoning carry the AI message id; a component's id is its tool call's.
  const d = data as { type?: unknown; id?: unknown } | null
  const messageId = d && (d.type === 'text' || d.type === 'reasoning') && typeof d.id === 'string' ? d.id : null
  const [s, id] = ensureAssistant(state, messageId)
  const target = findMessage(s, id)!
  const parts = applyContent(target.parts, data, now)
  if (typeof parts === 'string') return parts
  return parts === target.parts ? s : updateMessage(s, id, (m) => ({ ...m, parts }))
}
