/**
 * Loading a thread page by page, for the controller: its newest page (rejoining a run still being
 * written) and, as the user scrolls up, the page before the first loaded message. A load that a
 * newer one replaced (`current()` false) changes nothing.
 */
import { ErrorCodes, serializeError } from '@xpert-ai/chatkit-protocol'
import { ApiError, type ApiClient } from '../api/index.js'
import type { Emit } from '../bridge/index.js'
import * as model from './model/index.js'
import type { ThreadState } from './model/index.js'
import { fetchNewestPage, fetchOlderPage } from './pages.js'

export type LoadContext = {
  api: ApiClient
  emit: Emit
  emitError(e: unknown): void
  state(): ThreadState
  set(next: ThreadState): void
  /** False once a newer load (or a new thread) replaced this one. */
  current(): boolean
  /** Rejoins the run that is still writing the thread's newest answer. */
  rejoin(live: NonNullable<ReturnType<typeof model.liveRun>>): void
}

/** Shows `threadId`'s newest messages; `previous` is the thread shown before. Resolves with the load's error, if any. */
export async function loadNewest(ctx: LoadContext, threadId: string, previous: string | null): Promise<unknown> {
  ctx.emit('thread.load.start', { threadId })
  ctx.set(model.loadStarted(threadId))
  try {
    const page = await fetchNewestPage(ctx.api, threadId)
    if (!ctx.current()) return
    const stored = model.threadFromHistory(threadId, page.items, page.offset)
    // Its newest answer is still being written (a reload mid-answer): rejoin that run.
    const live = model.liveRun(page.items)
    ctx.set(live ? model.rejoinStarted(stored, live.messageId, live.runId) : stored)
    if (previous !== threadId) ctx.emit('thread.change', { threadId })
    if (live) ctx.rejoin(live)
  } catch (e) {
    if (!ctx.current()) return
    ctx.set(model.loadFailed(threadId, serializeError(e, ErrorCodes.Api)))
    ctx.emitError(e)
    // A thread that no longer exists: let the host forget it.
    if (e instanceof ApiError && e.status === 404) ctx.emit('thread.change', { threadId: null })
    return e
  } finally {
    ctx.emit('thread.load.end', { threadId })
  }
}

/** Prepends the page before the first loaded message; true when it did. */
export async function loadOlderPage(ctx: LoadContext, threadId: string, olderCount: number): Promise<boolean> {
  try {
    const page = await fetchOlderPage(ctx.api, threadId, olderCount)
    if (!ctx.current()) return false
    ctx.set(model.olderLoaded(ctx.state(), model.messagesFromApi(page.items, page.offset), page.offset))
    return true
  } catch (e) {
    ctx.emitError(e)
    return false
  }
}
