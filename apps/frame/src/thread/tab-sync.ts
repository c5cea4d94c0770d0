/**
 * Keeps frames that show the same thread in step (two tabs of one site, or two embeds on one
 * page). The server is the source of truth: a frame announces "thread X changed" on a
 * `BroadcastChannel` (frames share the frame origin) when a run of its own starts and when it
 * ends; a frame showing X re-reads X's newest page when it is idle, or as soon as its own run
 * ends. Becoming visible again re-reads too (a tab in another browser, or a missed announcement).
 * The re-read replaces the transcript quietly (no loading state) and is dropped if anything
 * changed meanwhile (the user sent, or opened another thread): it is retried at the next idle.
 */
import { effect } from '@preact/signals'
import type { ApiClient } from '../api/index.js'
import type { ThreadController } from './controller.js'
import { threadFromHistory } from './history.js'
import { fetchNewestPage } from './pages.js'

export const TAB_CHANNEL = 'xpertai-chatkit-threads'

type Announcement = { thread: string }

export function syncTabs(
  controller: ThreadController,
  api: ApiClient,
  channel: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'> | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel(TAB_CHANNEL) : null,
  doc: Document = document,
): () => void {
  const { state } = controller
  /** A re-read is owed for the shown thread (announced while busy, or a re-read that lost a race). */
  let stale = false
  let reading = false

  const reread = async () => {
    const before = state.value
    const id = before.threadId
    if (!id || reading || before.phase !== 'idle' || controller.running) {
      stale = !!id
      // Idle but the run's stream not closed yet (its end event came first): look again shortly.
      if (id && !reading && before.phase === 'idle') setTimeout(reread, 200)
      return
    }
    stale = false
    reading = true
    try {
      const page = await fetchNewestPage(api, id)
      if (state.value === before && !controller.running) state.value = threadFromHistory(id, page.items, page.offset)
      else stale = true
    } catch {
      // The next announcement or visibility change tries again; a real problem shows on the next send.
    } finally {
      reading = false
    }
    if (stale) void reread()
  }

  let wasRunning = false
  let lastThread: string | null = null
  const stop = effect(() => {
    const { phase, threadId } = state.value
    const running = phase === 'running'
    if (threadId && threadId === lastThread && running !== wasRunning) channel?.postMessage({ thread: threadId } satisfies Announcement)
    if (threadId !== lastThread) stale = false
    wasRunning = running
    lastThread = threadId
    if (phase === 'idle' && stale) queueMicrotask(reread)
  })

  const onAnnouncement = (e: MessageEvent) => {
    const thread = (e.data as Partial<Announcement> | null)?.thread
    if (typeof thread === 'string' && thread === state.value.threadId) void reread()
  }
  const onVisible = () => doc.visibilityState === 'visible' && void reread()
  channel?.addEventListener('message', onAnnouncement as EventListener)
  doc.addEventListener('visibilitychange', onVisible)
  return () => {
    stop()
    channel?.close()
    doc.removeEventListener('visibilitychange', onVisible)
  }
}
