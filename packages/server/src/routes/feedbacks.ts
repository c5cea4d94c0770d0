import type { FeedbackRequest } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { badRequest, jsonResponse, notFound } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { expectRecord } from '../http/validate.js'
import { toApiFeedback } from '../shapes/api-shapes.js'
import type { Principal } from '../services/auth.js'
import { requireOwnedThread } from '../services/threads.js'
import type { Deps } from '../context.js'
import { iso } from '../util/clock.js'
import { isId } from '../util/ids.js'

async function requireOwnedMessage(deps: Deps, who: Principal, cid: string, mid: string) {
  const thread = await requireOwnedThread(deps, who, cid)
  const m = isId(mid) ? await deps.store.messages.get(mid) : null
  if (!m || m.threadId !== thread.id) throw notFound(`message ${mid.slice(0, 64)} not found`)
  return m
}

/** `POST /conversations/{cid}/messages/{mid}/feedbacks` FeedbackRequest: one per message per user (a new one replaces it). */
export async function postFeedback({ req, deps, principal }: RequestContext, { cid, mid }: RouteParams): Promise<Response> {
  const who = await principal()
  const message = await requireOwnedMessage(deps, who, cid, mid)
  if (message.role !== 'ai') throw badRequest('messages/{mid}: feedback is for answers, not your own messages')
  const body = expectRecord(await readJson(req, deps.maxBodyBytes), 'request body') as FeedbackRequest
  if (body.rating !== 'like' && body.rating !== 'dislike') throw badRequest('rating: expected "like" or "dislike"')
  if (body.content !== undefined && body.content !== null && (typeof body.content !== 'string' || body.content.length > 4000)) {
    throw badRequest('content: expected a string of at most 4000 characters')
  }
  const at = iso(deps.clock)
  const saved = await deps.store.feedback.upsert({
    messageId: message.id,
    assistantId: who.assistantId,
    userId: who.userId,
    rating: body.rating,
    content: body.content ?? null,
    createdAt: at,
    updatedAt: at,
  })
  return jsonResponse(200, toApiFeedback(saved))
}

/** `GET …/feedbacks`: the caller's feedback on the message (zero or one). */
export async function listFeedback({ deps, principal }: RequestContext, { cid, mid }: RouteParams): Promise<Response> {
  const who = await principal()
  const message = await requireOwnedMessage(deps, who, cid, mid)
  const items = (await deps.store.feedback.list(message.id, who)).map(toApiFeedback)
  return jsonResponse(200, { items, total: items.length })
}
