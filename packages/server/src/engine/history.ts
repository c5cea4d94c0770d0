import type { ApiMessage } from '@xpert-ai/chatkit-protocol'
import { toApiMessage } from '../shapes/api-shapes.js'
import type { Store } from '../store/types.js'

/** How many earlier messages an agent sees as history. */
const HISTORY_LIMIT = 200

/** The thread's last messages, oldest first, stopping before `cut` (the turn's own message). */
export async function loadHistory(store: Store, threadId: string, cut: string | null): Promise<ApiMessage[]> {
  const { total } = await store.messages.list(threadId, 0, 0)
  const page = await store.messages.list(threadId, HISTORY_LIMIT + 1, Math.max(0, total - HISTORY_LIMIT - 1))
  const i = cut ? page.items.findIndex((m) => m.id === cut) : -1
  const items = i >= 0 ? page.items.slice(0, i) : page.items
  return items.slice(-HISTORY_LIMIT).map(toApiMessage)
}
