import type { RunRequest } from '@xpert-ai/chatkit-protocol'
import { badRequest } from '../http/errors.js'
import { expectRecord, limitJsonSize, optionalRecord, optionalString, type Json } from '../http/validate.js'
import type { AgentInput } from '../agent/types.js'

export type ParsedRun = {
  assistantId: string | undefined
  input: AgentInput
  clientMessageId: string | undefined
  state: Json
  context: Json
  config: Json
  onDisconnect: 'continue' | 'cancel'
}

const MAX_TEXT = 100_000
const MAX_EXTRA = 64 * 1024

/**
 * Validates a `runs/stream` body (the XpertAI run request). The user's text is read from
 * `input.input.input`, else `input.state.human.input`. The frame's client-side message id, echoed
 * back in `on_conversation_start.userMessage.clientMessageId`, may sit in `input.input.clientMessageId`
 * or at the top level as `clientMessageId`.
 */
export function parseRunRequest(body: unknown): ParsedRun {
  const b = expectRecord(body, 'request body') as RunRequest
  const input = expectRecord(b.input, 'input')
  if (input.command !== undefined) throw badRequest('input.command: resuming an interrupt is not supported yet', 'not_supported')
  const inner = optionalRecord(input.input, 'input.input')
  const state = optionalRecord(input.state, 'input.state') ?? {}
  const human = optionalRecord(state.human, 'input.state.human')
  const text = inner?.input ?? human?.input
  if (typeof text !== 'string' || text.trim() === '') {
    throw badRequest('input.input.input: expected the user message as a non-empty string')
  }
  if (text.length > MAX_TEXT) throw badRequest(`input.input.input: longer than ${MAX_TEXT} characters`)
  const files = list(inner?.files, 'input.input.files')
  const references = list(inner?.references, 'input.input.references')
  const context = optionalRecord(b.context, 'context') ?? {}
  const config = optionalRecord(b.config, 'config') ?? {}
  limitJsonSize(state, 'input.state', MAX_EXTRA)
  limitJsonSize(context, 'context', MAX_EXTRA)
  limitJsonSize(config, 'config', MAX_EXTRA)
  if (b.on_disconnect !== undefined && b.on_disconnect !== 'continue' && b.on_disconnect !== 'cancel') {
    throw badRequest('on_disconnect: expected "continue" or "cancel"')
  }
  return {
    assistantId: optionalString(b.assistant_id, 'assistant_id'),
    input: { text, files, references },
    clientMessageId: optionalString(inner?.clientMessageId ?? b.clientMessageId, 'clientMessageId', 128),
    state,
    context,
    config,
    onDisconnect: b.on_disconnect ?? 'continue',
  }
}

function list(v: unknown, field: string): unknown[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw badRequest(`${field}: expected an array`)
  limitJsonSize(v, field, MAX_EXTRA)
  return v
}
