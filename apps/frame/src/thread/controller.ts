/**
 * Drives one thread: send a message and stream the answer, stop it, load or reset a thread. All
 * state changes go through the pure reducer/actions into one signal; stream envelopes are applied
 * in one batch per animation frame. Failures become visible state plus an `error` event; the
 * returned promises never reject for them.
 */
import { signal } from '@preact/signals'
import { ChatKitError, ErrorCodes, serializeError, type ApiThread, type ChatKitRequestOptions } from '@xpert-ai/chatkit-protocol'
import { ApiError, cancelRun, createThread, isAbortError, listMessages, readEventStream, startRunStream, type ApiClient } from '../api/index.js'
import type { Emit } from '../bridge/host.js'
import * as actions from './actions.js'
import { threadFromHistory } from './history.js'
import { malformed, reduce } from './reducer.js'
import { buildRunRequest } from './request.js'
import { perAnimationFrame, type Scheduler } from './schedule.js'
import { emptyThread, type ThreadState } from './types.js'

export type ThreadDeps = {
  api: ApiClient
  assistantId(): string | undefined
  request(): ChatKitRequestOptions | undefined
  emit: Emit
  emitError(e: unknown): void
  schedule?: Scheduler
  /** How long a stop waits for the server's cancel before cutting the stream anyway. */
  cancelTimeoutMs?: number
}

type Run = {
  abort: AbortController
  stopped: boolean
  /** Set when a newer thread replaced this run's: its late updates are dropped. */
  detached: boolean
  runId: string | null
  /** Settles when the run's response headers are in (or the request failed). */
  headers: Promise<void>
  done: Promise<void>
}

const PAGE = 100
const MAX_PAGES = 50

export class ThreadController {
  readonly state = signal<ThreadState>(emptyThread)
  readonly #deps: ThreadDeps
  #queue: ((s: ThreadState) => ThreadState)[] = []
  #flushScheduled = false
  #run: Run | null = null
  #loadToken = 0

  constructor(deps: ThreadDeps) {
    this.#deps = deps
  }

  get running(): boolean {
    return this.#run !== null
  }

  /** Starts sending `text`; throws only when a message cannot be sent now. */
  send(text: string, opts: { newThread?: boolean } = {}): Promise<void> {
    if (this.#run) throw new ChatKitError(ErrorCodes.NotReady, 'an answer is still streaming: stop it first (queued follow-ups are not supported yet)')
    if (this.state.value.phase === 'loading') throw new ChatKitError(ErrorCodes.NotReady, 'a conversation is still loading')
    if (opts.newThread) this.#reset()
    const clientId = `tmp_${randomId()}`
    this.#set(actions.userMessageSent(this.state.value, text, clientId))
    let headersDone!: () => void
    const run: Run = {
      abort: new AbortController(),
      stopped: false,
      detached: false,
      runId: null,
      headers: new Promise<void>((r) => (headersDone = r)),
      done: Promise.resolve(),
    }
    this.#run = run
    run.done = this.#stream(run, text, clientId, headersDone)
    return run.done
  }

  async #stream(run: Run, text: string, clientId: string, headersDone: () => void): Promise<void> {
    const { api, emit } = this.#deps
    emit('response.start', undefined)
    try {
      let threadId = this.state.value.threadId
      if (!threadId) {
        const thread = await createThread(api, this.#deps.assistantId(), run.abort.signal)
        threadId = checkThread(thread)
        this.#update(run, (s) => actions.threadCreated(s, threadId!))
        emit('thread.change', { threadId })
      }
      const body = buildRunRequest(text, clientId, this.#deps.assistantId(), this.#deps.request())
      const stream = await startRunStream(api, threadId, body, run.abort.signal)
      run.runId = stream.runId
      headersDone()
      this.#update(run, (s) => actions.runIdKnown(s, stream.runId))
      await readEventStream(stream.body, (e) => this.#onEvent(run, e.data), run.abort.signal)
      this.#update(run, actions.streamClosed)
    } catch (e) {
      if (run.stopped && (isAbortError(e) || run.abort.signal.aborted)) {
        this.#update(run, actions.runStopped)
      } else {
        const err = serializeError(e, ErrorCodes.Stream)
        this.#update(run, (s) => actions.runFailed(s, err))
        this.#deps.emitError(e)
      }
    } finally {
      headersDone()
      if (this.#run === run) this.#run = null
      emit('response.end', undefined)
    }
  }

  #onEvent(run: Run, data: string) {
    let envelope: unknown
    try {
      envelope = JSON.parse(data)
    } catch {
      return this.#enqueue(run, (s) => malformed(s, `event data is not JSON (${data.slice(0, 60)})`))
    }
    this.#enqueue(run, (s) => reduce(s, envelope))
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
      } catch (e) {
        this.#deps.emitError(new ChatKitError(ErrorCodes.Api, `the server did not confirm the cancel: ${(e as Error).message}`))
      }
    }
    run.abort.abort()
    this.#deps.emit('response.stop', undefined)
    await run.done
  }

  /** Shows `threadId`'s messages (or a new, empty thread for null). */
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
      const items = await this.#fetchAll(threadId)
      if (token !== this.#loadToken) return
      this.#set(threadFromHistory(threadId, items))
      if (previous !== threadId) this.#deps.emit('thread.change', { threadId })
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

  /** Re-reads the current thread from the server (the host's `fetchUpdates`). */
  async refresh(): Promise<void> {
    const id = this.state.value.threadId
    if (id && !this.#run && this.state.value.phase === 'idle') await this.load(id)
  }

  async #fetchAll(threadId: string): Promise<unknown[]> {
    const items: unknown[] = []
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await listMessages(this.#deps.api, threadId, { limit: PAGE, offset: items.length })
      if (!res || !Array.isArray(res.items)) throw new ChatKitError(ErrorCodes.Api, 'the messages response has no items array')
      items.push(...res.items)
      if (!res.items.length || items.length >= (typeof res.total === 'number' ? res.total : 0)) break
    }
    return items
  }

  /** Stops a running answer and makes sure nothing it still does touches the new state. */
  async #detachRun(): Promise<void> {
    const run = this.#run
    if (!run) return
    await this.stop()
    run.detached = true
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

function checkThread(t: ApiThread): string {
  if (typeof t?.thread_id !== 'string' || !t.thread_id) throw new ChatKitError(ErrorCodes.Api, 'POST /threads answered without a thread_id')
  return t.thread_id
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** `crypto.randomUUID` exists only in secure contexts; a frame served over plain http still needs ids. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
