import type { RunRequest } from '@xpert-ai/chatkit-protocol'
import type { AgentAction } from '../agent/types.js'
import type { ParsedRun, RunKind } from '../engine/run-input.js'
import { badRequest } from '../http/errors.js'
import { expectRecord, expectString, isRecord, limitJsonSize, optionalRecord, optionalString, type Json } from '../http/validate.js'
import { parseResume } from './parse-resume.js'

const MAX_TEXT = 100_000
const MAX_EXTRA = 64 * 1024
const MAX_FILES = 20

/**
 * Validates a `runs/stream` body (the XpertAI run request). The user's text is read from
 * `input.input.input`, else `input.state.human.input`. The frame's client-side message id, echoed
 * back in `on_conversation_start.userMessage.clientMessageId`, may sit in `input.input.clientMessageId`
 * or at the top level as `clientMessageId`. `input.command.resume` answers an interrupt,
 * `input.input.tool` is the composer's chosen tool, `input.action` is a widget action, `retry: true` regenerates the last answer.
 */
export function parseRunRequest(body: unknown): ParsedRun {
  const b = expectRecord(body, 'request body') as RunRequest
  // LangGraph clients send `command` at the top level (and no input); XpertAI's frame inside `input`.
  const topCommand = optionalRecord(b.command, 'command')
  const noInput = b.retry === true || topCommand?.resume !== undefined
  const input = noInput ? (optionalRecord(b.input, 'input') ?? {}) : expectRecord(b.input, 'input')
  const inner = optionalRecord(input.input, 'input.input')
  const state = optionalRecord(input.state, 'input.state') ?? {}
  const human = optionalRecord(state.human, 'input.state.human')
  const context = optionalRecord(b.context, 'context') ?? {}
  const config = optionalRecord(b.config, 'config') ?? {}
  limitJsonSize(state, 'input.state', MAX_EXTRA)
  limitJsonSize(context, 'context', MAX_EXTRA)
  limitJsonSize(config, 'config', MAX_EXTRA)
  if (b.on_disconnect !== undefined && b.on_disconnect !== 'continue' && b.on_disconnect !== 'cancel') {
    throw badRequest('on_disconnect: expected "continue" or "cancel"')
  }
  if (b.followUpMode !== undefined && b.followUpMode !== null && b.followUpMode !== 'queue' && b.followUpMode !== 'steer') {
    throw badRequest('followUpMode: expected "queue" or "steer"')
  }
  if (b.retry !== undefined && typeof b.retry !== 'boolean') throw badRequest('retry: expected a boolean')
  if (b.if_not_exists !== undefined && b.if_not_exists !== 'create' && b.if_not_exists !== 'reject') {
    throw badRequest('if_not_exists: expected "create" or "reject"')
  }
  const parentId = b.parentMessageId === null ? null : optionalString(b.parentMessageId, 'parentMessageId', 64)
  const command = optionalRecord(input.command, 'input.command') ?? topCommand
  const kind: RunKind = command?.resume !== undefined ? 'resume' : input.action !== undefined ? 'action' : b.retry === true ? 'retry' : 'message'
  const fileIds = kind === 'message' ? parseFileIds(inner?.files) : []
  let text = ''
  if (kind === 'message') {
    const raw = inner?.input ?? human?.input ?? ''
    if (typeof raw !== 'string') throw badRequest('input.input.input: expected the user message as a string')
    if (raw.trim() === '' && fileIds.length === 0) throw badRequest('input.input.input: expected the user message as a non-empty string')
    if (raw.length > MAX_TEXT) throw badRequest(`input.input.input: longer than ${MAX_TEXT} characters`)
    text = raw
  }
  return {
    kind,
    assistantId: optionalString(b.assistant_id, 'assistant_id'),
    text,
    fileIds,
    references: kind === 'message' ? list(inner?.references, 'input.input.references') : [],
    tool: kind === 'message' ? optionalString(inner?.tool, 'input.input.tool', 128) : undefined,
    ...(kind === 'action' ? { action: parseAction(input) } : {}),
    ...(kind === 'resume' ? { resume: parseResume(command!.resume) } : {}),
    clientMessageId: optionalString(inner?.clientMessageId ?? b.clientMessageId, 'clientMessageId', 128),
    state,
    context,
    config,
    onDisconnect: b.on_disconnect ?? 'continue',
    followUpMode: b.followUpMode ?? undefined,
    createThread: b.if_not_exists === 'create',
    ...(parentId !== undefined && (kind === 'message' || kind === 'retry') ? { parentId } : {}),
  }
}

/** `input.action` is a CustomActionInput (`{action:{type,payload}, itemId?}`) or the bare action with `input.itemId`. */
function parseAction(input: Json): AgentAction {
  const raw = expectRecord(input.action, 'input.action')
  const wrapped = isRecord(raw.action)
  const action = wrapped ? (raw.action as Json) : raw
  const field = wrapped ? 'input.action.action' : 'input.action'
  const type = expectString(action.type, `${field}.type`, 128)
  const payload = optionalRecord(action.payload, `${field}.payload`) ?? {}
  limitJsonSize(payload, `${field}.payload`, MAX_EXTRA)
  const itemId = optionalString(wrapped ? raw.itemId : input.itemId, wrapped ? 'input.action.itemId' : 'input.itemId', 256)
  return { type, payload, ...(itemId ? { itemId } : {}) }
}

function parseFileIds(v: unknown): string[] {
  const items = list(v, 'input.input.files')
  if (items.length > MAX_FILES) throw badRequest(`input.input.files: at most ${MAX_FILES} files`)
  return items.map((f, i) => {
    const id = isRecord(f) ? f.id : f
    return expectString(id, `input.input.files[${i}].id`, 64)
  })
}

function list(v: unknown, field: string): unknown[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw badRequest(`${field}: expected an array`)
  limitJsonSize(v, field, MAX_EXTRA)
  return v
}
