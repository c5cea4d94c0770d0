import type { ApiMessage } from '@xpert-ai/chatkit-protocol'
import { toApiMessage } from '../shapes/api-shapes.js'
import type { Store } from '../store/types.js'

/** How many earlier messages an agent sees as history. */
const HISTORY_LIMIT = 200

/**
 * The agent's history: the thread's path (the branch shown, or the one leading to `cut`), oldest
 * first, stopping before `cut` (the turn's own message), at most the last HISTORY_LIMIT messages.
 * Other branches are never part of it.
 */
export async function loadHistory(store: Store, threadId: string, cut: string | null): Promise<ApiMessage[]> {
  const path = await store.messages.path(threadId, cut ?? undefined)
  const items = cut ? path.slice(0, -1) : path
  return items.slice(-HISTORY_LIMIT).map(toApiMessage)
}
