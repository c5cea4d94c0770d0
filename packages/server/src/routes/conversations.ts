import type { ApiMessage, Paginated } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { queryInt } from '../http/validate.js'
import { toApiMessage } from '../services/api-shapes.js'
import { requireOwnedThread } from '../services/threads.js'

/** `GET /conversations/{id}/messages?limit&offset`: oldest first. Conversation id == thread id. */
export async function listMessages({ url, deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), id)
  const limit = queryInt(url.searchParams, 'limit', 50, 1, 200)
  const offset = queryInt(url.searchParams, 'offset', 0, 0, 1_000_000_000)
  const page = await deps.store.messages.list(thread.id, limit, offset)
  const body: Paginated<ApiMessage> = { items: page.items.map(toApiMessage), total: page.total }
  return jsonResponse(200, body)
}
