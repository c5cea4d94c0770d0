/**
 * Branches, the effects: edit a question (a new branch), learn the versions a run made, switch
 * branches, branch in new chat. A lazy chunk, loaded with the first of these (not in the frame's
 * first load). Each refuses while an answer streams; a failure changes nothing shown (the caller
 * reports it).
 */
import { ChatKitError, ErrorCodes, type ApiThread, type BranchRequest, type CopyThreadRequest } from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from '../api/index.js'
import type { ThreadController } from './controller.js'
import { branchesLearned, editStarted, pathSwapped } from './model/branches.js'
import type { Page } from './pages.js'

const busy = () => new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')

function savedThread(controller: ThreadController): string {
  const { threadId, phase } = controller.state.value
  if (controller.running || phase !== 'idle') throw busy()
  if (!threadId) throw new ChatKitError(ErrorCodes.NotReady, 'the conversation is not saved yet')
  return threadId
}

/**
 * Asks `text` in place of the question `messageId`: its sibling under the same parent
 * (`parentMessageId`), answered on a new branch whose agent sees only that path. Throws when
 * refused; else the message is on its way and the run's promise is returned (then learn the versions).
 */
export function editQuestion(controller: ThreadController, messageId: string, text: string): Promise<void> {
  savedThread(controller)
  const before = controller.state.value
  const cut = editStarted(before, messageId)
  if (!cut) throw new ChatKitError(ErrorCodes.NotReady, `message ${messageId} is not a saved question shown in this conversation`)
  controller.update(() => cut[0])
  try {
    return controller.send(text, { extend: (b) => ({ ...b, parentMessageId: cut[1] }) })
  } catch (e) {
    controller.update(() => before) // refused (offline): the thread shown stays as it was
    throw e
  }
}

/**
 * After a run that made a new version (an edit, a retry): the stored path says which messages now
 * have versions. `list` is the API's `listMessages`, passed in: imported here, it splits the
 * protocol's errors out of the entry into a chunk of their own (+0.27 KB gzip on the first load).
 */
export async function learnBranches(
  controller: ThreadController,
  list: (threadId: string, page: { limit: number; offset: number }) => Promise<{ items: readonly unknown[] }>,
): Promise<void> {
  const { threadId: id, olderCount, messages } = controller.state.value
  if (!id || controller.running || !messages.length) return
  // The stored window of what is shown: the same messages, with their tree fields.
  const page = await list(id, { limit: messages.length, offset: olderCount })
  if (id === controller.state.value.threadId && Array.isArray(page?.items)) controller.update((s) => branchesLearned(s, page.items))
}

/**
 * Shows the branch through `messageId` (a version of an edited question or a regenerated answer).
 * `newest` is `fetchNewestPage`, passed in for the same reason as `learnBranches`' `list`.
 */
export async function switchBranch(
  controller: ThreadController,
  api: ApiClient,
  messageId: string,
  newest: (threadId: string) => Promise<Page>,
): Promise<void> {
  const threadId = savedThread(controller)
  const body: BranchRequest = { messageId }
  await api.json('POST', `/threads/${encodeURIComponent(threadId)}/branch`, { body })
  // The server's path is now that branch: show it (the composer continues it; a reload shows it too).
  // Swapped in place, not loaded as a thread: the messages shown stay until the new path is here.
  const page = await newest(threadId)
  controller.update((s) => (s.threadId === threadId ? pathSwapped(s, threadId, page.items, page.offset) : s))
}

/** Copies the branch shown up to `messageId` into a new conversation and opens it (`thread.change`). */
export async function branchInNewChat(controller: ThreadController, api: ApiClient, messageId: string): Promise<string> {
  const threadId = savedThread(controller)
  const body: CopyThreadRequest = { messageId }
  const copy = await api.json<ApiThread>('POST', `/threads/${encodeURIComponent(threadId)}/copy`, { body })
  if (typeof copy?.thread_id !== 'string' || !copy.thread_id)
    throw new ChatKitError(ErrorCodes.Api, 'the server copied the conversation without naming the copy')
  await controller.load(copy.thread_id)
  return copy.thread_id
}
