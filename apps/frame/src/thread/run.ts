/**
 * One run's lifecycle: open its stream (creating the thread first, or with the run request when
 * the API can), follow it across broken connections to its terminal event, feed each event to the
 * batch, and end it as stopped, failed or done. The controller (`controller.ts`) decides when a run
 * starts; everything the run does to the thread goes through `RunContext`.
 */
import { ChatEvent, ChatKitError, ErrorCodes, serializeError, type ApiThread, type RunRequest } from '@xpert-ai/chatkit-protocol'
import { ApiError, createThread, isAbortError, joinRunStream, startRunStream } from '../api/index.js'
import { loadFollow } from './load-follow.js'
import type { Connectivity } from './connectivity.js'
import type { ThreadDeps } from './controller.js'
import * as model from './model/index.js'
import type { ThreadState } from './model/index.js'
import { holdForFirstContent, perAnimationFrame, whenIdle } from '../shared/index.js'
import { fetchNewestPage, type Page } from './pages.js'
import { randomUuid } from './random-id.js'
import { startEarly } from './start-early.js'

/** A run already going on the server that this frame follows (a thread opened mid-answer). */
export type Rejoin = { runId: string; messageId: string; replaying: boolean }

export type Run = {
  abort: AbortController
  stopped: boolean
  /** Set when a newer thread replaced this run's: its late updates are dropped. */
  detached: boolean
  /** The answer's first content was shown (it goes on screen at once; the rest once per frame). */
  shown: boolean
  /** Started elsewhere (an earlier page, another tab) and followed here: leaving the thread does not stop it. */
  rejoined: boolean
  runId: string | null
  /** The user message this run sends (it stays unsent if the run never reaches the server). */
  clientId?: string
  /** Settles when the run's response headers are in (or the request failed). */
  headers: Promise<void>
  done: Promise<void>
}

/** What a run may do to its thread: each change is dropped once the run is detached. */
export type RunContext = {
  deps: ThreadDeps
  net: Connectivity
  state(): ThreadState
  /** Applies a change now, after any envelopes still queued. */
  update(run: Run, fn: (s: ThreadState) => ThreadState): void
  /** Queues a change for the next frame's batch. */
  enqueue(run: Run, fn: (s: ThreadState) => ThreadState): void
  flush(): void
  /** The run ended (whatever way): it is no longer the current one. */
  ended(run: Run): void
}

/**
 * Streams `run` to its end. `rejoin`: no request to send: follow run `runId` (already running on
 * the server, writing `messageId`) from its first event, through the same resilient stream.
 * Never rejects: a failure becomes visible state plus an `error` event.
 */
export async function streamRun(
  ctx: RunContext,
  run: Run,
  body: () => RunRequest,
  needsThread: boolean,
  headersDone: () => void,
  rejoin?: Rejoin,
): Promise<void> {
  const { api, emit } = ctx.deps
  emit('response.start', undefined)
  // Lazy code the first characters do not need waits until they are painted (shared/answer-first.ts).
  const release = holdForFirstContent()
  try {
    let tid = ctx.state().threadId
    // A new conversation: the run request creates it (one round trip), or it is created first.
    let creating = !rejoin && !tid && !!ctx.deps.threadOnRun?.supported()
    if (!tid) {
      if (needsThread) throw new ChatKitError(ErrorCodes.NotReady, 'there is no conversation to continue')
      tid = creating ? randomUuid() : await newThread(ctx, run)
    }
    const open = async (signal: AbortSignal) => {
      if (rejoin) return joinRunStream(api, tid!, rejoin.runId, null, signal)
      if (!creating) return startRunStream(api, tid!, body(), signal)
      try {
        return await startRunStream(api, tid!, { ...body(), if_not_exists: 'create' }, signal)
      } catch (e) {
        // A server that only runs on existing threads (XpertAI): create it first, from now on.
        // Not for answers that say nothing about that (forbidden, busy, overloaded, too slow).
        if (!(e instanceof ApiError) || [403, 408, 409, 429, 503].includes(e.status)) throw e
        ctx.deps.threadOnRun?.unsupported()
        creating = false
        tid = await newThread(ctx, run)
        return startRunStream(api, tid, body(), signal)
      }
    }
    // The follower is its own chunk, usually fetched already as the user typed; if not, the
    // request goes out while it loads.
    const early = startEarly(open, run.abort.signal)
    const { followRun } = await loadFollow().catch((e: unknown) => (early.cancel(), Promise.reject(e)))
    const end = await followRun(
      {
        ...ctx.deps.reconnect,
        connectivity: ctx.net,
        runId: rejoin?.runId,
        start: early.start,
        join: (runId, lastId, signal) => joinRunStream(api, tid!, runId, lastId, signal),
        onOpen: (runId) => {
          headersDone()
          if (creating) (creating = false), threadKnown(ctx, run, tid!)
          run.runId ??= runId
          ctx.update(run, (s) => model.runIdKnown(s, runId))
        },
        onEvent: (e) => {
          // The replay rebuilds the rejoined answer from its start: the stored copy goes in the same batch.
          if (rejoin && !rejoin.replaying) (rejoin.replaying = true), ctx.enqueue(run, (s) => model.replayStarted(s, rejoin.messageId))
          const shown = run.shown
          const ends = onEvent(ctx, run, e.data)
          // Once the frame with the first content is painted, the held loads go in idle time.
          if (!shown && run.shown) perAnimationFrame(() => whenIdle(release, 200))
          return ends
        },
        onReconnecting: (on) => ctx.update(run, (s) => model.reconnecting(s, on)),
      },
      run.abort.signal,
    )
    // The run's events are gone from the server: its stored messages are the final word.
    const stored = end === 'gone' ? await fetchNewestPage(api, tid!) : rejoin && end === 'ended' ? await resumedElsewhere(ctx, run, tid!) : null
    if (stored) ctx.update(run, (s) => model.reloadedAfterRun(s, model.threadFromHistory(tid!, stored.items, stored.offset)))
    ctx.update(run, model.streamClosed)
  } catch (e) {
    if (run.stopped && (isAbortError(e) || run.abort.signal.aborted)) {
      ctx.update(run, model.runStopped)
    } else {
      const err = serializeError(e, ErrorCodes.Stream)
      // No run id and a network error: the request never got through, the message stays unsent.
      const unsent = !run.runId && err.code === ErrorCodes.Network ? run.clientId : undefined
      ctx.update(run, (s) => model.runFailed(s, err, unsent))
      ctx.deps.emitError(e)
    }
  } finally {
    release()
    headersDone()
    ctx.ended(run)
    emit('response.end', undefined)
  }
}

/**
 * A rejoined run that ended waiting for the user, while the stored answer was still being
 * written: the answer was resumed by a later run (a resumed answer keeps the run id it was
 * started with). Returns the stored page when the store still says so: it is shown as saved so
 * far, as before rejoining existed; null otherwise (the pause is real: its panel stays).
 */
async function resumedElsewhere(ctx: RunContext, run: Run, threadId: string): Promise<Page | null> {
  const last = ctx.state().messages.at(-1)
  if (run.detached || !last?.parts.some((p) => p.type === 'interrupt' && !p.resolved)) return null
  const page = await fetchNewestPage(ctx.deps.api, threadId)
  return model.liveRun(page.items) ? page : null
}

/** `POST /threads`, then the thread is this run's. */
async function newThread(ctx: RunContext, run: Run): Promise<string> {
  const threadId = checkThread(await createThread(ctx.deps.api, ctx.deps.assistantId(), run.abort.signal))
  threadKnown(ctx, run, threadId)
  return threadId
}

function threadKnown(ctx: RunContext, run: Run, threadId: string) {
  ctx.update(run, (s) => model.threadCreated(s, threadId))
  ctx.deps.emit('thread.change', { threadId })
}

/** Queues one stream event for the reducer; true when it ends the run. */
function onEvent(ctx: RunContext, run: Run, data: string): boolean {
  let envelope: unknown
  try {
    envelope = JSON.parse(data)
  } catch {
    ctx.enqueue(run, (s) => model.malformed(s, `event data is not JSON (${data.slice(0, 60)})`))
    return false
  }
  forwardEffect(ctx.deps, envelope)
  const now = ctx.deps.now?.() ?? Date.now()
  ctx.enqueue(run, (s) => model.reduce(s, envelope, now))
  // The first content does not wait for the next animation frame: the answer starts on the next paint.
  if (!run.shown && (envelope as { type?: unknown } | null)?.type === 'message') (run.shown = true), ctx.flush()
  return endsRun(envelope)
}

/** `on_client_effect` is for the host, not the thread: it becomes a `chatkit.effect` event. */
function forwardEffect(deps: Pick<ThreadDeps, 'emit' | 'emitError'>, envelope: unknown) {
  const e = envelope as { type?: unknown; event?: unknown; data?: { name?: unknown; args?: unknown } } | null
  if (e?.type !== 'event' || e.event !== ChatEvent.ClientEffect) return
  const name = e.data?.name
  const args = e.data?.args
  if (typeof name !== 'string' || !name) return deps.emitError(new ChatKitError(ErrorCodes.Stream, 'on_client_effect without a name'))
  deps.emit('effect', { name, data: args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : undefined })
}

/**
 * A run's last event: `on_conversation_end` (how XpertAI's server and ours end a run), `error`, or
 * `complete` (which XpertAI's servers since 2026 send after `on_conversation_end`).
 */
function endsRun(envelope: unknown): boolean {
  const e = envelope as { type?: unknown; event?: unknown } | null
  return e?.type === 'complete' || e?.type === 'error' || (e?.type === 'event' && e.event === ChatEvent.ConversationEnd)
}

function checkThread(t: ApiThread): string {
  if (typeof t?.thread_id !== 'string' || !t.thread_id) throw new ChatKitError(ErrorCodes.Api, 'POST /threads answered without a thread_id')
  return t.thread_id
}
