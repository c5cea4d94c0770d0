/**
 * Paged history: `GET /conversations/{id}/messages` is oldest-first with `limit`/`offset` and a
 * `total`. A thread opens on its newest page; older pages load as the user scrolls up.
 */
import { ChatKitError, ErrorCodes, type ApiMessage, type Paginated } from '@xpert-ai/chatkit-protocol'
import { listMessages, type ApiClient } from '../api/index.js'

const PAGE_SIZE = 100

export type Page = { items: unknown[]; offset: number; total: number }

function check(res: Paginated<ApiMessage> | null): { items: unknown[]; total: number } {
  if (!res || !Array.isArray(res.items)) throw new ChatKitError(ErrorCodes.Api, 'the messages response has no items array')
  const total = typeof res.total === 'number' && res.total >= 0 ? res.total : res.items.length
  return { items: res.items, total }
}

/** The newest page: one request when the thread fits a page, two otherwise (the first learns the total). */
export async function fetchNewestPage(api: ApiClient, threadId: string, limit = PAGE_SIZE): Promise<Page> {
  const first = check(await listMessages(api, threadId, { limit, offset: 0 }))
  if (first.total <= limit || first.items.length < limit) return { items: first.items, offset: 0, total: first.total }
  const offset = first.total - limit
  const last = check(await listMessages(api, threadId, { limit, offset }))
  return { items: last.items, offset, total: last.total }
}

/** The page just before `offset` (the first loaded message). */
export async function fetchOlderPage(api: ApiClient, threadId: string, offset: number, limit = PAGE_SIZE): Promise<Page> {
  const from = Math.max(0, offset - limit)
  const page = check(await listMessages(api, threadId, { limit: offset - from, offset: from }))
  return { items: page.items, offset: from, total: page.total }
}
