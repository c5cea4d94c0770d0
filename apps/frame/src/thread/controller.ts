/**
 * Drives one thread: send (or queue) a message and stream the answer, stop it, retry it, resume an
 * interrupt, run a custom action, rate an answer, load a thread page by page. All state changes go
 * through the pure model (`model/`) into one signal; stream envelopes are applied in one batch per
 * animation frame (`batch.ts`); a run's lifecycle is `run.ts`; page loads are `loading.ts`. Failures become visible state plus
 * an `error` event; returned promises never reject for them.
 */
import { signal } from '@preact/signals'
import { ChatKitError, ErrorCodes, type ChatKitRequestOptions, type CustomActionInput, type RunRequest } from '@xpert-ai/chatkit-protocol'
import { cancelRun, sendFeedback, type ApiClient } from '../api/index.js'
import type { Emit } from '../bridge/index.js'
import { delay, perAnimationFrame, type Scheduler } from '../shared/index.js'
import { createBatch, type FrameBatch } from './batch.js'
import type { ClientToolInvoker } from './client-tools.js'
import { browserConnectivity, type Connectivity } from './connectivity.js'
import * as model from './model/index.js'
import type { ThreadState } from './model/index.js'
import { loadNewest, loadOlderPage, type LoadContext } from './loading.js'
import { randomId } from './random-id.js'
import { buildActionRequest, buildResumeRequest, buildRetryRequest, buildRunRequest } from './request.js'
import type { FollowDeps } from './resilient-stream.js'
import { resumeClientTools } from './resume-client-tools.js'
import { streamRun, type Rejoin, type Run, type RunContext } from './run.js'

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

const noRequest = (): RunRequest => {
  throw new ChatKitError(ErrorCodes.NotReady, 'a rejoined run sends no request')
}

export class ThreadController {
  readonly state = signal<ThreadState>(model.emptyThread)
  readonly #deps: ThreadDeps
  readonly #net: Connectivity
  readonly #batch: FrameBatch
  readonly #runs: RunContext
  #run: Run | null = null
  #loadToken = 0
  #loadingOlder: Promise<boolean> | null = null

  constructor(deps: ThreadDeps) {
    this.#deps = deps
    this.#net = deps.connectivity ?? browserConnectivity
    this.#batch = createBatch(this.state, deps.schedule ?? perAnimationFrame)
    this.#runs = {
      deps,
      net: this.#net,
      state: () => this.state.value,
      update: (run, fn) => {
        if (run.detached) return
        this.#batch.flush()
        this.#set(fn(this.state.value))
      },
      enqueue: (run, fn) => void (run.detached || this.#batch.enqueue(fn)),
      flush: () => this.#batch.flush(),
      ended: (run) => void (this.#run === run && (this.#run = null)),
    }
    // Messages typed while offline go out once the browser is back online.
    this.#net.onOnline(() => void this.#afterRun(null))
  }

  get running(): boolean {
    return this.#run !== null
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
      if (opts.extend)
        throw new ChatKitError(
          ErrorCodes.NotReady,
          `${this.#run ? 'an answer is still streaming' : 'you are offline'}: a message with attachments, a tool, a model or mentions cannot be queued`,
        )
      this.#set(model.messageQueued(this.state.value, text, clientId))
      return Promise.resolve()
    }
    if (opts.newThread) this.#reset()
    const extend = opts.extend ?? ((b: RunRequest) => b)
    // The request is on its way before the message is shown: showing it re-renders the thread
    // (in a microtask), which would otherwise run before the request's first step.
    const body = () => extend(buildRunRequest(text, clientId, this.#deps.assistantId(), this.#deps.request()))
    const done = this.#start(body, false, clientId)
    const sent = opts.extend ? body().input.input : undefined
    this.#set(model.userMessageSent(this.state.value, text, clientId, sent && { files: sent.files, references: sent.references }))
    return done
  }

  /** Drops a queued message before it is sent. */
  unqueue(clientId: string): void {
    this.#set(model.queueRemoved(this.state.value, clientId))
  }

  /** Runs the last user message again: the new answer is a sibling of the old one (both stay). */
  retry(): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    const r = model.retryStarted(this.state.value)
    if (!r || (!this.state.value.threadId && !r[2])) throw new ChatKitError(ErrorCodes.NotReady, 'there is no question to retry')
    const [s, text, unsent] = r
    this.#set(s)
    // A message the server never got (the send failed on the network) is sent, not regenerated.
    if (unsent) return this.#start(() => buildRunRequest(text, unsent, this.#deps.assistantId(), this.#deps.request()), false, unsent)
    return this.#start(() => buildRetryRequest(text, `tmp_${randomId()}`, this.#deps.assistantId(), this.#deps.request()), true)
  }

  /** A local change of the pure model made by a lazily loaded feature (`branches.ts`) while nothing runs. */
  update(fn: (s: ThreadState) => ThreadState): void {
    if (!this.#run) this.#set(fn(this.state.value))
  }

  /** Answers the pending interrupts of `messageId` and continues the run (same message). */
  resume(messageId: string, value: Parameters<typeof buildResumeRequest>[0], summary: string): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    this.#set(model.runStarted(model.interruptsResolved(this.state.value, messageId, summary)))
    return this.#start(() => buildResumeRequest(value, this.#deps.assistantId(), this.#deps.request()), true)
  }

  /** A widget action (or the host's `sendCustomAction`) handled by the server as a run. */
  customAction(action: CustomActionInput): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming')
    this.#set(model.runStarted(this.state.value))
    return this.#start(() => buildActionRequest(action, this.#deps.assistantId(), this.#deps.request()))
  }

  /** Rates an answer on the server; the selection shows once the server accepted it. */
  async feedback(messageId: string, rating: 'like' | 'dislike'): Promise<void> {
    const threadId = this.state.value.threadId
    if (!threadId) return
    try {
      await sendFeedback(this.#deps.api, threadId, messageId, { rating })
      this.#set(model.feedbackGiven(this.state.value, messageId, rating))
    } catch (e) {
      this.#deps.emitError(e)
    }
  }

  /** Every run starts here: a send, a retry, a resume, an action, a rejoin (`run.ts`). */
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
    run.done = streamRun(this.#runs, run, body, needsThread, headersDone, rejoin)
    // Not part of `done`: a stop waits for this run, not for the follow-ups it triggers.
    void run.done.then(() => this.#afterRun(run))
    return run.done
  }

  /** After a run: answer client tools by ourselves, then send the next queued message. */
  async #afterRun(run: Run | null): Promise<void> {
    if (run?.detached || this.#run || !this.#net.online()) return
    const resumed = resumeClientTools(this.state.value, this.#deps.clientTool?.() ?? null, {
      set: (fn) => this.#set(fn(this.state.value)),
      now: () => this.#deps.now?.() ?? Date.now(),
      resume: (id, value, summary) => this.resume(id, value, summary),
    })
    if (resumed) return resumed
    const next = this.state.value.queued[0]
    if (!next || this.state.value.phase !== 'idle') return
    this.#set(model.dequeued(this.state.value))
    return this.send(next.text)
  }

  /** Stops the streaming answer: cancel on the server, then cut the stream. Keeps the partial answer. */
  async stop(): Promise<void> {
    const run = this.#run
    if (!run || run.stopped) return
    run.stopped = true
    const timeout = this.#deps.cancelTimeoutMs ?? 5000
    // The run id comes with the response headers; a stop right after sending waits for them.
    await Promise.race([run.headers, delay(timeout)])
    this.#batch.flush()
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

  /** Shows `threadId`'s newest messages (or a new, empty thread for null). Resolves with the load's error, if any. */
  async load(threadId: string | null): Promise<unknown> {
    const previous = this.state.value.threadId
    await this.#detachRun()
    const token = ++this.#loadToken
    if (threadId !== null) return loadNewest(this.#loading(token), threadId, previous)
    this.#reset()
    if (previous !== null) this.#deps.emit('thread.change', { threadId: null })
  }

  /** Loads the page before the first loaded message (the user scrolled up). One at a time; true when it prepended. */
  loadOlder(): Promise<boolean> {
    const { threadId, olderCount } = this.state.value
    if (!threadId || olderCount <= 0) return Promise.resolve(false)
    this.#loadingOlder ??= loadOlderPage(this.#loading(this.#loadToken), threadId, olderCount).finally(() => (this.#loadingOlder = null))
    return this.#loadingOlder
  }

  /** What a page load may do (`loading.ts`), while no newer load replaced it. */
  #loading(token: number): LoadContext {
    const { api, emit, emitError } = this.#deps
    return {
      api,
      emit,
      emitError,
      state: () => this.state.value,
      set: (next) => this.#set(next),
      current: () => token === this.#loadToken,
      rejoin: (live) => void this.#start(noRequest, false, undefined, { ...live, replaying: false }),
    }
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
    if (run.rejoined) return ((run.stopped = true), run.abort.abort(), run.done)
    await this.stop()
  }

  #reset() {
    this.#loadToken++
    this.#batch.clear()
    this.#set(model.newThread())
  }

  #set(next: ThreadState) {
    this.state.value = next
  }
}
