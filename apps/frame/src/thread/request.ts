import type { ChatKitRequestOptions, RunRequest } from '@xpert-ai/chatkit-protocol'

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * The run request body for a user message. `options.request.{state,context,config}` merge in;
 * the user's text always wins at `input.input.input` and `input.state.human.input`.
 */
export function buildRunRequest(text: string, clientMessageId: string, assistantId: string | undefined, request?: ChatKitRequestOptions): RunRequest {
  const state = isObject(request?.state) ? request.state : {}
  const human = isObject(state.human) ? state.human : {}
  return {
    ...(assistantId ? { assistant_id: assistantId } : {}),
    input: {
      input: { input: text, files: [], references: [], clientMessageId },
      state: { ...state, human: { ...human, input: text } },
    },
    ...(isObject(request?.context) ? { context: request.context } : {}),
    ...(isObject(request?.config) ? { config: request.config } : {}),
  } as RunRequest
}
