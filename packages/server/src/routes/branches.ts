import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { badRequest, conflict, jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { expectString, optionalRecord, optionalString } from '../http/validate.js'
import { toApiThread } from '../shapes/api-shapes.js'
import { newestLeafUnder } from '../shapes/message-tree.js'
import { copyBranch } from '../services/branches.js'
import { requireOwnedThread } from '../services/threads.js'

/**
 * `POST /threads/{id}/branch {messageId}` (extension): show the branch through `messageId` — its
 * newest descendant becomes the head, so the history, the next message and the agent's context
 * follow it. Not while the thread is answering (409 `run_in_progress`).
 */
export async function switchBranch({ req, deps, principal }: RequestContext, { threadId }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), threadId)
  const body = optionalRecord(await readJson(req, deps.maxBodyBytes), 'request body') ?? {}
  const messageId = expectString(body.messageId, 'messageId', 64)
  if (thread.status === 'busy') throw conflict(`thread ${thread.id} is answering; switch branches when it ends`, ApiErrorCodes.RunInProgress)
  const head = newestLeafUnder(await deps.store.messages.tree(thread.id), messageId)
  if (!head) throw badRequest('messageId: not a message of this thread')
  await deps.store.messages.setHead(thread.id, head)
  return jsonResponse(200, { thread_id: thread.id, head_id: head })
}

/**
 * `POST /threads/{id}/copy {messageId?}`: a new thread with the branch up to `messageId` (default:
 * the branch shown) — "branch in new chat". LangGraph's `threads.copy` calls it with no body.
 */
export async function copyThread({ req, deps, principal }: RequestContext, { threadId }: RouteParams): Promise<Response> {
  const who = await principal()
  const thread = await requireOwnedThread(deps, who, threadId)
  const body = optionalRecord(await readJson(req, deps.maxBodyBytes, true), 'request body') ?? {}
  const copy = await copyBranch(deps, who, thread, optionalString(body.messageId, 'messageId', 64))
  return jsonResponse(200, toApiThread(copy))
}
