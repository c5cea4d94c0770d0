import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { ChatKitRequestOptions, CustomActionInput, ResumeValue, RunRequest } from '@xpert-ai/chatkit-protocol'

/** `options.request.{context,config}` and the assistant id: the parts every run request shares. */
function common(assistantId: string | undefined, request?: ChatKitRequestOptions) {
  return {
    ...(assistantId ? { assistant_id: assistantId } : {}),
    ...(isRecord(request?.context) ? { context: request.context } : {}),
    ...(isRecord(request?.config) ? { config: request.config } : {}),
  }
}

function hostState(request?: ChatKitRequestOptions): Record<string, unknown> {
  return isRecord(request?.state) ? request.state : {}
}

/**
 * The run request body for a user message. `options.request.{state,context,config}` merge in;
 * the user's text always wins at `input.input.input` and `input.state.human.input`. If the thread
 * is busy (a run started elsewhere, e.g. in another tab) the server queues the message
 * (`followUpMode: 'queue'`, a 202 naming the queued run) instead of refusing it.
 */
export function buildRunRequest(text: string, clientMessageId: string, assistantId: string | undefined, request?: ChatKitRequestOptions): RunRequest {
  const state = hostState(request)
  const human = isRecord(state.human) ? state.human : {}
  return {
    ...common(assistantId, request),
    input: {
      input: { input: text, files: [], references: [], clientMessageId },
      state: { ...state, human: { ...human, input: text } },
    },
    followUpMode: 'queue',
  }
}

/** Re-runs the last human message (`text`), replacing its answer. */
export function buildRetryRequest(text: string, clientMessageId: string, assistantId: string | undefined, request?: ChatKitRequestOptions): RunRequest {
  const { followUpMode, ...body } = buildRunRequest(text, clientMessageId, assistantId, request)
  return { ...body, retry: true }
}

/** Resumes an interrupted run with the user's decisions or the host's tool results. */
export function buildResumeRequest(resume: ResumeValue, assistantId: string | undefined, request?: ChatKitRequestOptions): RunRequest {
  return { ...common(assistantId, request), input: { state: hostState(request), command: { resume } } }
}

/** A widget action or `sendCustomAction`: a run with `input.action` instead of text. */
export function buildActionRequest(action: CustomActionInput, assistantId: string | undefined, request?: ChatKitRequestOptions): RunRequest {
  return { ...common(assistantId, request), input: { state: hostState(request), action } }
}
