/**
 * Switching branches and "branch in new chat": server calls, then the thread shown follows.
 * Loaded with the first switch or copy (a lazy chunk, not in the frame's first load). Both refuse
 * while an answer streams; a failure changes nothing shown (the caller reports it).
 */
import { ChatKitError, ErrorCodes, type ApiThread, type BranchRequest, type CopyThreadRequest } from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from '../api/index.js'
import type { ThreadController } from './controller.js'

function savedThread(controller: ThreadController): string {
  const { threadId, phase } = controller.state.value
  if (controller.running || phase !== 'idle') throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
  if (!threadId) throw new ChatKitError(ErrorCodes.NotReady, 'the conversation is not saved yet')
  return threadId
}

/** Shows the branch through `messageId` (a version of an edited question or a regenerated answer). */
export async function switchBranch(controller: ThreadController, api: ApiClient, messageId: string): Promise<void> {
  const threadId = savedThread(controller)
  const body: BranchRequest = { messageId }
  await api.json('POST', `/threads/${encodeURIComponent(threadId)}/branch`, { body })
  // The server's path is now that branch: show it (the composer continues it; a reload shows it too).
  await controller.load(threadId)
}

/** Copies the branch shown up to `messageId` into a new conversation and opens it (`thread.change`). */
export async function branchInNewChat(controller: ThreadController, api: ApiClient, messageId: string): Promise<string> {
  const threadId = savedThread(controller)
  const body: CopyThreadRequest = { messageId }
  const copy = await api.json<ApiThread>('POST', `/threads/${encodeURIComponent(threadId)}/copy`, { body })
  if (typeof copy?.thread_id !== 'string' || !copy.thread_id) throw new ChatKitError(ErrorCodes.Api, 'the server copied the conversation without naming the copy')
  await controller.load(copy.thread_id)
  return copy.thread_id
}
