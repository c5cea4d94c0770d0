/**
 * Drives one thread: send (or queue) a message and stream the answer, stop it, retry it, resume an
 * interrupt, run a custom action, rate an answer, load a thread page by page. All state changes go
 * through the pure reducer/actions into one signal; stream envelopes are applied in one batch per
 * animation frame. Failures become visible state plus an `error` event; returned promises never
 * reject for them.
 */
import { signal } from '@preact/signals'
import { ChatEvent, ChatKitError, ErrorCodes, serializeError, type ApiThread, type ChatKitRequestOptions, type CustomActionInput, type RunRequest } from '@xpert-ai/chatkit-protocol'
import { ApiError, cancelRun, createThread, isAbortError, joinRunStream, sendFeedback, startRunStream, type ApiClient } from '../api/index.js'
import type { Emit } from '../bridge/index.js'
import * as actions from './actions.js'
import type { ClientToolInvoker } from './client-tools.js'
import { resumeClientTools } from './resume-client-tools.js'
import { browserConnectivity, type Connectivity } from './connectivity.js'
import { loadFollow } from '../app/answer-code.js'
import type { FollowDeps } from './resilient-stream.js'
import { liveRun, messagesFromApi, threadFromHistory } from './history.js'
import { fetchNewestPage, fetchOlderPage, type Page } from './pages.js'
import { malformed, reduce } from './reducer.js'
import { buildActionRequest, buildResumeRequest, buildRetryRequest, buildRunRequest } from './request.js'
import { delay, perAnimationFrame, type Scheduler } from './schedule.js'
import { randomId, randomUuid } from './random-id.js'
import { startEarly } from './start-early.js'
import { emptyThread, type ThreadState } from './types.js'

export type ThreadDeps = {
  api: ApiClient
  assistantId(): string | undefined
  request(): ChatKitRequestOptions | undefined
  emit: Emit
  emitError(e: unknown): void
  /** Runs a client tool in the host (`options.onClientTool`); absent when the host has none. */
  clientTool?(): ClientToolInvoker | null
  schedule?: Scheduler
  /** How long a stop waits for the server's cancel before cutting the stream anyway. */
  cancelTimeoutMs?: number
  now?(): number
  /** Online/offline (default: the browser's); and the reconnect policy's knobs, for tests. */
  connectivity?: Connectivity
  reconnect?: Pick<FollowDeps, 'policy' | 'random' | 'sleep'>
  /**
   * Whether the API creates a thread from its first run request (`if_not_exists: 'create'`, one
   * round trip), remembered per API; `unsupported` is called when it answered otherwise (an XpertAI
   * server). Absent: the thread is created first (`POST /threads`), as before.
   */
  threadOnRun?: { supported(): boolean; unsupported(): void }
}

/** A run already going on the server that this frame follows (a thread opened mid-answer). */
type Rejoin = { runId: string; messageId: string; replaying: boolean }

const noRequest = (): RunRequest => {
  throw new ChatKitError(ErrorCodes.NotReady, 'a rejoined run sends no request')
}

type Run = {
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

export class ThreadController {
  readonly state = signal<ThreadState>(emptyThread)
  readonly #deps: ThreadDeps
  readonly #net: Connectivity
  #queue: ((s: ThreadState) => ThreadState)[] = []
  #flushScheduled = false
  #run: Run | null = null
  #loadToken = 0
  #loadingOlder: Promise<boolean> | null = null

  constructor(deps: ThreadDeps) {
    this.#deps = deps
    this.#net = deps.connectivity ?? browserConnectivity
    // Messages typed while offline go out once the browser is back online.
    this.#net.onOnline(() => void this.#afterRun(null))
  }

  get running(): boolean {
    return this.#run !== null
  }

  #now(): number {
    return this.#deps.now?.() ?? Date.now()
  }

  /**
   * Sends `text`. While an answer streams (or waits for the host's tools) the message is queued,
   * visibly, and sent when the run ends. Throws only when a message cannot be sent now.
   */
  send(text: string, opts: { newThread?: boolean; extend?: (body: RunRequest) => RunRequest } = {}): Promise<void> {
    if (this.state.value.phase === 'loading') throw new ChatKitError(ErrorCodes.NotReady, 'a conversation is still loading')
    if (opts.newThread && this.#run) return this.#detachRun().then(() => this.send(text, opts))
    const clientId = `tmp_${randomId()}`
    if (this.#run || !this.#net.online()) {
      // The composer's extras (files, tool, model, mentions) would be lost in the queue.
      if (opts.extend) throw new ChatKitError(ErrorCodes.NotReady, `${this.#run ? 'an answer is still streaming' : 'you are offline'}: a message with attachments, a tool, a model or mentions cannot be queued`)
      this.#set(actions.messageQueued(this.state.value, text, clientId))
      return Promise.resolve()
    }
    if (opts.newThread) this.#reset()
    const extend = opts.extend ?? ((b: RunRequest) => b)
    // The request is on its way before the message is shown: showing it re-renders the thread
    // (in a microtask), which would otherwise run before the request's first step.
    const done = this.#start(() => extend(buildRunRequest(text, clientId, this.#deps.assistantId(), this.#deps.request())), false, clientId)
    this.#set(actions.userMessageSent(this.state.value, text, clientId))
    return done
  }

  /** Drops a queued message before it is sent. */
  unqueue(clientId: string): void {
    this.#set(actions.queueRemoved(this.state.value, clientId))
  }

  /** Runs the last user message again, replacing its answer. */
  retry(): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    const r = actions.retryStarted(this.state.value)
    if (!r || (!this.state.value.threadId && !r[2])) throw new ChatKitError(ErrorCodes.NotReady, 'there is no question to retry')
    const [s, text, unsent] = r
    this.#set(s)
    // A message the server never got (the send failed on the network) is sent, not regenerated.
    if (unsent) return this.#start(() => buildRunRequest(text, unsent, this.#deps.assistantId(), this.#deps.request()), false, unsent)
    return this.#start(() => buildRetryRequest(text, `tmp_${randomId()}`, this.#deps.assistantId(), this.#deps.request()), true)
  }

  /** Answers the pending interrupts of `messageId` and continues the run (same message). */
  resume(messageId: string, value: Parameters<typeof buildResumeRequest>[0], summary: string): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    this.#set(actions.runStarted(actions.interruptsResolved(this.state.value, messageId, summary)))
    return this.#start(() => buildResumeRequest(value, this.#deps.assistantId(), this.#deps.request()), true)
  }

  /** A widget action (or the host's `sendCustomAction`) handled by the server as a run. */
  customAction(action: CustomActionInput): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    this.#set(actions.runStarted(this.state.value))
    return this.#start(() => buildActionRequest(action, this.#deps.assistantId(), this.#deps.request()))
  }

  /** Rates an answer on the server; the selection shows once the server accepted it. */
  async feedback(messageId: string, rating: 'like' | 'dislike'): Promise<void> {
    const threadId = this.state.value.threadId
    if (!threadId) return
    try {
      await sendFeedback(this.#deps.api, threadId, messageId, { rating })
      this.#set(actions.feedbackGiven(this.state.value, messageId, rating))
    } catch (e) {
      this.#deps.emitError(e)
    }
  }

  /**
   * `rejoin`: no request to send: follow run `runId` (already running on the server, writing
   * `messageId`) from its first event, through the same resilient stream as a run started here.
   */
  #start(body: () => RunRequest, needsThread = false, clientId?: string, rejoin?: Rejoin): Promise<void> {
    let headersDone!: () => void
    const run: Run = {
      abort: new AbortController(),
      stopped: false,
      detached: false,
      shown: false,
      rejoined: !!rejoin,
      runId: null,
      clientId,
      headers: new Promise<void>((r) => (headersDone = r)),
      done: Promise.resolve(),
    }
    this.#run = run
    run.done = this.#stream(run, body, needsThread, headersDone, rejoin)
    // Not part of `done`: a stop waits for this run, not for the follow-ups it triggers.
    void run.done.then(() => this.#afterRun(run))
    return run.done
  }

  async #stream(run: Run, body: () => RunRequest, needsThread: boolean, headersDone: () => void, rejoin?: Rejoin): Promise<void> {
    const { api, emit } = this.#deps
    emit('response.start', undefined)
    try {
      let tid = this.state.value.threadId
      // A new conversation: the run request creates it (one round trip), or it is created first.
      let creating = !rejoin && !tid && !!this.#deps.threadOnRun?.supported()
      if (!tid) {
        if (needsThread) throw new ChatKitError(ErrorCodes.NotReady, 'there is no conversation to continue')
        tid = creating ? randomUuid() : await this.#newThread(run)
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
          this.#deps.threadOnRun?.unsupported()
          creating = false
          tid = await this.#newThread(run)
          return startRunStream(api, tid, body(), signal)
        }
      }
      // The follower is its own chunk, usually fetched already as the user typed; if not, the
      // request goes out while it loads.
      const early = startEarly(open, run.abort.signal)
      const { followRun } = await loadFollow().catch((e: unknown) => (early.cancel(), Promise.reject(e)))
      const end = await followRun({
        ...this.#deps.reconnect,
        connectivity: this.#net,
        runId: rejoin?.runId,
        start: early.start,
        join: (runId, lastId, signal) => joinRunStream(api, tid!, runId, lastId, signal),
        onOpen: (runId) => {
          headersDone()
          if (creating) (creating = false), this.#threadKnown(run, tid!)
          run.runId ??= runId
          this.#update(run, (s) => actions.runIdKnown(s, runId))
        },
        onEvent: (e) => {
          // The replay rebuilds the rejoined answer from its start: the stored copy goes in the same batch.
          if (rejoin && !rejoin.replaying) (rejoin.replaying = true), this.#enqueue(run, (s) => actions.replayStarted(s, rejoin.messageId))
          return this.#onEvent(run, e.data)
        },
        onReconnecting: (on) => this.#update(run, (s) => actions.reconnecting(s, on)),
      }, run.abort.signal)
      // The run's events are gone from the server: its stored messages are the final word.
      const stored = end === 'gone' ? await fetchNewestPage(api, tid!) : rejoin && end === 'ended' ? await this.#resumedElsewhere(run, tid!) : null
      if (stored) this.#update(run, (s) => actions.reloadedAfterRun(s, threadFromHistory(tid!, stored.items, stored.offset)))
      this.#update(run, actions.streamClosed)
    } catch (e) {
      if (run.stopped && (isAbortError(e) || run.abort.signal.aborted)) {
        this.#update(run, actions.runStopped)
      } else {
        const err = serializeError(e, ErrorCodes.Stream)
        // No run id and a network error: the request never got through, the message stays unsent.
        const unsent = !run.runId && err.code === ErrorCodes.Network ? run.clientId : undefined
        this.#update(run, (s) => actions.runFailed(s, err, unsent))
        this.#deps.emitError(e)
      }
    } finally {
      headersDone()
      if (this.#run === run) this.#run = null
      emit('response.end', undefined)
    }
  }

  /**
   * A rejoined run that ended waiting for the user, while the stored answer was still being
   * written: the answer was resumed by a later run (a resumed answer keeps the run id it was
   * started with). Returns the stored page when the store still says so: it is shown as saved so
   * far, as before rejoining existed; null otherwise (the pause is real: its panel stays).
   */
  async #resumedElsewhere(run: Run, threadId: string): Promise<Page | null> {
    const last = this.state.value.messages.at(-1)
    if (run.detached || !last?.parts.some((p) => p.type === 'interrupt' && !p.resolved)) return null
    const page = await fetchNewestPage(this.#deps.api, threadId)
    return liveRun(page.items) ? page : null
  }

  /** `POST /threads`, then the thread is this run's. */
  async #newThread(run: Run): Promise<string> {
    const threadId = checkThread(await createThread(this.#deps.api, this.#deps.assistantId(), run.abort.signal))
    this.#threadKnown(run, threadId)
    return threadId
  }

  #threadKnown(run: Run, threadId: string) {
    this.#update(run, (s) => actions.threadCreated(s, threadId))
    this.#deps.emit('thread.change', { threadId })
  }

  /** After a run: answer client tools by ourselves, then send the next queued message. */
  async #afterRun(run: Run | null): Promise<void> {
    if (run?.detached || this.#run || !this.#net.online()) return
    const resumed = resumeClientTools(this.state.value, this.#deps.clientTool?.() ?? null, {
      set: (fn) => this.#set(fn(this.state.value)),
      now: () => this.#now(),
      resume: (id, value, summary) => this.resume(id, value, summary),
    })
    if (resumed) return resumed
    const next = this.state.value.queued[0]
    if (!next || this.state.value.phase !== 'idle') return
    this.#set(actions.dequeued(this.state.value))
    return this.send(next.text)
  }

  /** Queues one stream event for the reducer; true when it ends the run. */
  #onEvent(run: Run, data: string): boolean {
    let envelope: unknown
    try {
      envelope = JSON.parse(data)
    } catch {
      this.#enqueue(run, (s) => malformed(s, `event data is not JSON (${data.slice(0, 60)})`))
      return false
    }
    this.#effect(envelope)
    const now = this.#now()
    this.#enqueue(run, (s) => reduce(s, envelope, now))
    // The first content does not wait for the next animation frame: the answer starts on the next paint.
    if (!run.shown && (envelope as { type?: unknown } | null)?.type === 'message') (run.shown = true), this.#flush()
    return endsRun(envelope)
  }

  /** `on_client_effect` is for the host, not the thread: it becomes a `chatkit.effect` event. */
  #effect(envelope: unknown) {
    const e = envelope as { type?: unknown; event?: unknown; data?: { name?: unknown; args?: unknown } } | null
    if (e?.type !== 'event' || e.event !== ChatEvent.ClientEffect) return
    const name = e.data?.name
    const args = e.data?.args
    if (typeof name !== 'string' || !name) return this.#deps.emitError(new ChatKitError(ErrorCodes.Stream, 'on_client_effect without a name'))
    this.#deps.emit('effect', { name, data: args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : undefined })
  }

  /** Stops the streaming answer: cancel on the server, then cut the stream. Keeps the partial answer. */
  async stop(): Promise<void> {
    const run = this.#run
    if (!run || run.stopped) return
    run.stopped = true
    const timeout = this.#deps.cancelTimeoutMs ?? 5000
    // The run id comes with the response headers; a stop right after sending waits for them.
    await Promise.race([run.headers, delay(timeout)])
    this.#flush()
    const threadId = this.state.value.threadId
    const runId = run.runId ?? this.state.value.runId
    if (threadId && runId && !run.abort.signal.aborted) {
      try {
        await cancelRun(this.#deps.api, threadId, runId, AbortSignal.timeout(timeout))
        // The server now ends the stream itself (on_conversation_end cancelled): read it to the
        // end, so the partial answer kept here is exactly the one the server stored.
        await Promise.race([run.done, delay(timeout)])
      } catch (e) {
        this.#deps.emitError(new ChatKitError(ErrorCodes.Api, `the server did not confirm the cancel: ${(e as Error).message}`))
      }
    }
    run.abort.abort()
    this.#deps.emit('response.stop', undefined)
    await run.done
  }

  /** Shows `threadId`'s newest messages (or a new, empty thread for null). */
  async load(threadId: string | null): Promise<void> {
    const previous = this.state.value.threadId
    await this.#detachRun()
    const token = ++this.#loadToken
    if (threadId === null) {
      this.#reset()
      if (previous !== null) this.#deps.emit('thread.change', { threadId: null })
      return
    }
    this.#deps.emit('thread.load.start', { threadId })
    this.#set(actions.loadStarted(threadId))
    try {
      const page = await fetchNewestPage(this.#deps.api, threadId)
      if (token !== this.#loadToken) return
      const stored = threadFromHistory(threadId, page.items, page.offset)
      // Its newest answer is still being written (a reload mid-answer): rejoin that run.
      const live = liveRun(page.items)
      this.#set(live ? actions.rejoinStarted(stored, live.messageId, live.runId) : stored)
      if (previous !== threadId) this.#deps.emit('thread.change', { threadId })
      if (live) void this.#start(noRequest, false, undefined, { ...live, replaying: false })
    } catch (e) {
      if (token !== this.#loadToken) return
      this.#set(actions.loadFailed(threadId, serializeError(e, ErrorCodes.Api)))
      this.#deps.emitError(e)
      // A thread that no longer exists: let the host forget it.
      if (e instanceof ApiError && e.status === 404) this.#deps.emit('thread.change', { threadId: null })
    } finally {
      this.#deps.emit('thread.load.end', { threadId })
    }
  }

  /** Loads the page before the first loaded message (the user scrolled up). One at a time; true when it prepended. */
  loadOlder(): Promise<boolean> {
    const { threadId, olderCount } = this.state.value
    if (!threadId || olderCount <= 0) return Promise.resolve(false)
    this.#loadingOlder ??= (async () => {
      const token = this.#loadToken
      try {
        const page = await fetchOlderPage(this.#deps.api, threadId, olderCount)
        if (token !== this.#loadToken) return false
        this.#set(actions.olderLoaded(this.state.value, messagesFromApi(page.items, page.offset), page.offset))
        return true
      } catch (e) {
        this.#deps.emitError(e)
        return false
      } finally {
        this.#loadingOlder = null
      }
    })()
    return this.#loadingOlder
  }

  /** Re-reads the current thread from the server (the host's `fetchUpdates`). */
  async refresh(): Promise<void> {
    const id = this.state.value.threadId
    if (id && !this.#run && this.state.value.phase === 'idle') await this.load(id)
  }

  /** Stops a running answer and makes sure nothing it still does touches the new state. */
  async #detachRun(): Promise<void> {
    const run = this.#run
    if (!run) return
    run.detached = true
    // A run this frame only rejoined (started by an earlier page or another tab) goes on without us.
    if (run.rejoined) return (run.stopped = true), run.abort.abort(), run.done
    await this.stop()
  }

  #reset() {
    this.#loadToken++
    this.#queue = []
    this.#set(actions.newThread())
  }

  #set(next: ThreadState) {
    this.state.value = next
  }

  /** Applies a local change for `run` now, after any envelopes still queued. */
  #update(run: Run, fn: (s: ThreadState) => ThreadState) {
    if (run.detached) return
    this.#flush()
    this.#set(fn(this.state.value))
  }

  #enqueue(run: Run, fn: (s: ThreadState) => ThreadState) {
    if (run.detached) return
    this.#queue.push(fn)
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    ;(this.#deps.schedule ?? perAnimationFrame)(() => this.#flush())
  }

  #flush() {
    this.#flushScheduled = false
    if (!this.#queue.length) return
    const queue = this.#queue
    this.#queue = []
    this.#set(queue.reduce((s, fn) => fn(s), this.state.value))
  }
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
