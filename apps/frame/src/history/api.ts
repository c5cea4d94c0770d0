/**
 * The conversation-history calls (server issue 4): search (newest first, paginated, optional text
 * search), get, rename, delete. Conversation id == thread id on our server.
 */
import type { ApiClient } from '../api/index.js'

export type ConversationSummary = {
  id: string
  threadId?: string
  title?: string | null
  status?: string
  createdAt: string
  updatedAt: string
}

export type ConversationPage = { items: ConversationSummary[]; total: number }

const seg = encodeURIComponent

export async function searchConversations(
  api: ApiClient,
  q: { xpertId?: string; limit: number; offset: number; search?: string },
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const body = {
    where: q.xpertId ? { xpertId: q.xpertId } : {},
    limit: q.limit,
    offset: q.offset,
    order: { updatedAt: 'DESC' },
    ...(q.search ? { search: q.search } : {}),
  }
  const page = await api.json<ConversationPage>('POST', '/conversations/search', { body, signal })
  if (!page || !Array.isArray(page.items)) throw new TypeError('POST /conversations/search answered without an items array')
  return { items: page.items.filter(isSummary), total: typeof page.total === 'number' ? page.total : page.items.length }
}

export function getConversation(api: ApiClient, id: string, signal?: AbortSignal): Promise<ConversationSummary> {
  return api.json<ConversationSummary>('GET', `/conversations/${seg(id)}`, { signal })
}

export function renameConversation(api: ApiClient, id: string, title: string): Promise<ConversationSummary> {
  return api.json<ConversationSummary>('PATCH', `/conversations/${seg(id)}`, { body: { title } })
}

export async function deleteConversation(api: ApiClient, id: string): Promise<void> {
  const res = await api.request('DELETE', `/conversations/${seg(id)}`)
  await res.body?.cancel().catch(() => {})
}

/** Drops malformed rows instead of crashing the list on them. */
function isSummary(v: unknown): v is ConversationSummary {
  const o = v as ConversationSummary | null
  return !!o && typeof o.id === 'string' && !!o.id && typeof o.updatedAt === 'string'
}
