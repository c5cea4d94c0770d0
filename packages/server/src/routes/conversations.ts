import { ApiErrorCodes, type ApiMessage, type Paginated } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { badRequest, conflict, forbidden, jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { expectRecord, expectString, optionalInt, optionalRecord, optionalString, queryInt } from '../http/validate.js'
import { toApiConversation, toApiMessage } from '../shapes/api-shapes.js'
import { siblingsOf } from '../shapes/message-tree.js'
import { deleteThread } from '../services/file-cleanup.js'
import { createOwnedThread, requireOwnedThread } from '../services/threads.js'
import { iso } from '../util/clock.js'

/**
 * `POST /conversations/search` `{where:{xpertId}, limit, offset, order:{updatedAt:'DESC'}, search?}`:
 * the caller's conversations, newest first. Only `updatedAt DESC` ordering exists; another
 * order is a 400 rather than silently ignored.
 */
export async function searchConversations({ req, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const body = optionalRecord(await readJson(req, deps.maxBodyBytes, true), 'request body') ?? {}
  const where = optionalRecord(body.where, 'where') ?? {}
  const xpertId = optionalString(where.xpertId, 'where.xpertId', 128)
  const limit = optionalInt(body.limit, 'limit', 1, 100) ?? 20
  const offset = optionalInt(body.offset, 'offset', 0, 1_000_000_000) ?? 0
  const order = optionalRecord(body.order, 'order')
  if (
    order &&
    (Object.keys(order).some((k) => k !== 'updatedAt') ||
      (order.updatedAt !== undefined && (typeof order.updatedAt !== 'string' || order.updatedAt.toUpperCase() !== 'DESC')))
  ) {
    throw badRequest('order: only {updatedAt: "DESC"} is supported')
  }
  const search = optionalString(body.search, 'search', 200)?.trim() || undefined
  // A secret only sees its own assistant's conversations: another xpertId simply has none.
  if (xpertId !== undefined && xpertId !== who.assistantId) return jsonResponse(200, { items: [], total: 0 })
  const page = await deps.store.threads.search(who, { limit, offset, search })
  return jsonResponse(200, { items: page.items.map(toApiConversation), total: page.total })
}

/**
 * `POST /conversations` `{xpertId?, title?}`: a new, empty conversation (XpertAI's frame calls it
 * for "New chat"). It is a thread like `POST /threads` makes, listed in history at once. 201, as
 * XpertAI answers. Other XpertAI fields (`options`, `from`) are accepted and not stored;
 * `projectId` is refused, since this server has no projects.
 */
export async function createConversation({ req, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const body = optionalRecord(await readJson(req, deps.maxBodyBytes, true), 'request body') ?? {}
  const xpertId = optionalString(body.xpertId, 'xpertId', 128)
  if (xpertId !== undefined && xpertId !== who.assistantId) {
    throw forbidden(`xpertId: this client secret is scoped to assistant "${who.assistantId}"`)
  }
  if (body.projectId !== undefined && body.projectId !== null) throw badRequest('projectId: this server has no projects')
  const title = optionalString(body.title, 'title', 200)?.replace(/\s+/g, ' ').trim() || null
  return jsonResponse(201, toApiConversation(await createOwnedThread(deps, who, { title })))
}

/** `GET /conversations/{id}`. */
export async function getConversation({ deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  return jsonResponse(200, toApiConversation(await requireOwnedThread(deps, await principal(), id)))
}

/** `PATCH /conversations/{id}` `{title}`. */
export async function renameConversation({ req, deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), id)
  const body = expectRecord(await readJson(req, deps.maxBodyBytes), 'request body')
  const title = expectString(body.title, 'title', 200).replace(/\s+/g, ' ').trim()
  const at = iso(deps.clock)
  await deps.store.threads.setTitle(thread.id, title, at)
  return jsonResponse(200, toApiConversation({ ...thread, title, updatedAt: at }))
}

/** `DELETE /conversations/{id}`: the thread, its messages, runs, feedback and files. A running thread is a 409. */
export async function deleteConversation({ deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), id)
  if (thread.status === 'busy') throw conflict(`conversation ${thread.id} has a run in progress; cancel it first`, ApiErrorCodes.RunInProgress)
  await deleteThread(deps, thread.id)
  return jsonResponse(200, { id: thread.id, deleted: true })
}

/** `GET /conversations/{id}/messages?limit&offset`: the branch shown, oldest first. Conversation id == thread id. */
export async function listMessages({ url, deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const who = await principal()
  const thread = await requireOwnedThread(deps, who, id)
  const limit = queryInt(url.searchParams, 'limit', 50, 1, 200)
  const offset = queryInt(url.searchParams, 'offset', 0, 0, 1_000_000_000)
  const page = await deps.store.messages.list(thread.id, limit, offset)
  // The caller's own ratings come with their answers, so a reloaded thread shows them.
  const ratings = await deps.store.feedback.ratings(
    page.items.filter((m) => m.role === 'ai').map((m) => m.id),
    who,
  )
  // Where the thread has branches, each message names its versions (the frame's ‹ 2 / 3 ›).
  const siblings = siblingsOf(await deps.store.messages.tree(thread.id))
  const items = page.items.map((m) => {
    const rating = ratings.get(m.id)
    const versions = siblings.get(m.id)
    return { ...toApiMessage(m), ...(rating ? { feedback: { rating } } : {}), ...(versions ? { siblingIds: versions } : {}) }
  })
  const body: Paginated<ApiMessage> = { items, total: page.total }
  return jsonResponse(200, body)
}
