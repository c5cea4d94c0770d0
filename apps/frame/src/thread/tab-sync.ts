/**
 * Keeps frames that show the same thread in step (two tabs of one site, or two embeds on one
 * page). The server is the source of truth: a frame announces "thread X changed" on a
 * `BroadcastChannel` (frames share the frame origin) when a run of its own starts and when it
 * ends; a frame showing X re-reads X's newest page when it is idle (or as soon as its own run
 * ends), and while the other frame's answer streams, every second until it ends (the server saves
 * the answer as it grows). Becoming visible again re-reads too (a tab in another browser, or a
 * missed announcement).
 * The re-read replaces the transcript quietly (no loading state) and is dropped if anything
 * changed meanwhile (the user sent, or opened another thread): it is retried at the next idle.
 */
import { effect } from '@preact/signals'
import type { ApiClient } from '../api/index.js'
import type { ThreadController } from './controller.js'
import { threadFromHistory, type Message, type ThreadState } from './model/index.js'
import { fetchNewestPage } from './pages.js'

export const TAB_CHANNEL = 'xpertai-chatkit-threads'

/** `running`: a run of the announcing frame started (true) or ended (false) on `thread`. */
type Announcement = { thread: string; running: boolean }

/** While another frame's answer streams, this frame re-reads the thread this often (the server saves it as it grows)… */
const FOLLOW_MS = 1000
/** …for at most this long without hearing that it ended. */
const FOLLOW_MAX_MS = 120_000

export function syncTabs(
  controller: ThreadController,
  api: ApiClient,
  channel: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'> | null = typeof BroadcastChannel === 'function'
    ? new BroadcastChannel(TAB_CHANNEL)
    : null,
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
    let next: ThreadState
    try {
      const page = await fetchNewestPage(api, id)
      if (state.value !== before || controller.running) stale = true
      else if (!sameThread(before, (next = merge(before, threadFromHistory(id, page.items, page.offset))))) state.value = next
    } catch {
      // The next announcement or visibility change tries again; a real problem shows on the next send.
    } finally {
      reading = false
    }
    if (stale) void reread()
  }

  /** Re-reads while another frame's answer streams. */
  let follow: ReturnType<typeof setInterval> | undefined
  const unfollow = () => clearInterval(follow)

  let wasRunning = false
  let lastThread: string | null = null
  const stop = effect(() => {
    const { phase, threadId } = state.value
    const running = phase === 'running'
    if (threadId && threadId === lastThread && running !== wasRunning) channel?.postMessage({ thread: threadId, running } satisfies Announcement)
    if (threadId !== lastThread) (stale = false), unfollow()
    wasRunning = running
    lastThread = threadId
    if (phase === 'idle' && stale) queueMicrotask(reread)
  })

  const onAnnouncement = (e: MessageEvent) => {
    const a = e.data as Partial<Announcement> | null
    if (typeof a?.thread !== 'string' || a.thread !== state.value.threadId) return
    void reread()
    unfollow()
    // Another frame's answer is streaming: follow it until it ends.
    const until = Date.now() + FOLLOW_MAX_MS
    if (a.running) follow = setInterval(() => (Date.now() > until ? unfollow() : void reread()), FOLLOW_MS)
  }
  const onVisible = () => doc.visibilityState === 'visible' && void reread()
  channel?.addEventListener('message', onAnnouncement as EventListener)
  doc.addEventListener('visibilitychange', onVisible)
  return () => {
    stop()
    unfollow()
    channel?.close()
    doc.removeEventListener('visibilitychange', onVisible)
  }
}

const same = (a: Message, b: Message) => a === b || JSON.stringify(a) === JSON.stringify(b)

/** Nothing to show differently: the same messages, the same older count. */
function sameThread(a: ThreadState, b: ThreadState): boolean {
  return a.olderCount === b.olderCount && a.messages.length === b.messages.length && a.messages.every((m, i) => same(m, b.messages[i]))
}

/**
 * The re-read newest page over what was shown: older pages the user scrolled back to stay (the
 * page replaces the messages from its first one on), and messages that did not change keep their
 * objects (their views do not re-render).
 */
function merge(prev: ThreadState, next: ThreadState): ThreadState {
  const old = new Map(prev.messages.map((m) => [m.id, m]))
  const messages = next.messages.map((m) => (old.has(m.id) && same(old.get(m.id)!, m) ? old.get(m.id)! : m))
  const cut = prev.messages.findIndex((m) => m.id === messages[0]?.id)
  if (cut > 0 && prev.olderCount + cut === next.olderCount)
    return { ...next, olderCount: prev.olderCount, messages: [...prev.messages.slice(0, cut), ...messages] }
  return { ...next, messages }
}
