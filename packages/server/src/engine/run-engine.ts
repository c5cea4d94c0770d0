import { ChatEvent, ChatEventTypes, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { Agent, AgentContext, AgentFile } from '../agent/types.js'
import { agentFiles } from '../agent/agent-files.js'
import type { ThreadRecord } from '../store/types.js'
import { sleep } from '../util/abortable-sleep.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'
import { ActiveRuns, type ActiveRun } from './active-runs.js'
import { executeRun, RunAbort, type ExecuteDeps, type RunOutcome } from './execute-run.js'
import { FollowUpQueue, type SteeredInput } from './follow-ups.js'
import { loadHistory } from './history.js'
import { RunRefused, RunRefusalCodes } from './refusals.js'
import type { ParsedRun } from './run-input.js'
import { prepareTurn, type Turn } from './turn.js'

/** A follow-up waiting for its thread's current run (`followUpMode: 'queue'`, or steered but never taken). */
type Pending = { runId: string; thread: ThreadRecord; agent: Agent; req: ParsedRun; turn: Turn }

export type StartResult =
  | { mode: 'stream'; runId: string }
  | { mode: 'queued'; runId: string; userMessageId: string }
  | { mode: 'steered'; runId: string; userMessageId: string }

/**
 * Starts, tracks and cancels runs. A run outlives the request that started it
 * (`on_disconnect: continue`): clients watch it through the run-event log. One run per thread at
 * a time; a message sent meanwhile is queued (`followUpMode:'queue'`), handed to the running
 * agent (`'steer'`), or refused with 409 `run_in_progress`.
 */
export class RunEngine {
  private readonly active = new ActiveRuns()
  private readonly queues = new Map<string, Pending[]>()
  /** The last queueing in progress per thread (queueing is serial per thread). */
  private readonly enqueuing = new Map<string, Promise<void>>()
  private stopping = false

  constructor(private readonly deps: ExecuteDeps) {}

  async start(thread: ThreadRecord, agent: Agent, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    if (this.stopping) throw new RunRefused(RunRefusalCodes.ShuttingDown, 'the server is shutting down')
    const current = this.active.get(thread.id)
    if (current || this.queues.get(thread.id)?.length) {
      if (req.kind === 'message' && req.followUpMode === 'queue') return this.enqueue(thread, agent, req, files)
      if (current && req.kind === 'message' && req.followUpMode === 'steer') return this.steer(current, thread, req, files)
      const what = current ? `an active run (${current.runId})` : 'queued runs'
      throw new RunRefused(RunRefusalCodes.RunInProgress, `thread ${thread.id} already has ${what}; wait, cancel it, or send with followUpMode "queue" or "steer"`)
    }
    const run = this.claim(thread.id, newId())
    try {
      if (this.deps.locks && !(await this.deps.locks.acquire(thread.id))) {
        throw new RunRefused(RunRefusalCodes.RunInProgress, `thread ${thread.id} has an active run on another replica; wait, or cancel it`)
      }
    } catch (e) {
      this.active.release(run)
      run.settle()
      throw e
    }
    const at = iso(this.deps.clock)
    try {
      await this.deps.store.runs.create({ id: run.runId, threadId: thread.id, assistantId: agent.id, status: 'running', error: null, createdAt: at, updatedAt: at })
      const turn = await prepareTurn(this.deps.store, thread, req, files, run.runId, at)
      await this.launch(run, { runId: run.runId, thread, agent, req, turn })
    } catch (e) {
      await this.deps.store.runs.setStatus(run.runId, 'error', 'failed to start', iso(this.deps.clock)).catch(() => {})
      // A log opened before the failure must not stay open (a join would wait forever).
      await this.deps.log.close(run.runId).catch(() => {})
      this.active.release(run)
      run.settle()
      this.releaseThread(thread.id)
      throw e
    }
    return { mode: 'stream', runId: run.runId }
  }

  /** Aborts the run if it is in flight here, or drops it from the queue. False when it is neither. */
  cancel(threadId: string, runId: string, reason?: RunAbort): boolean {
    const run = this.active.get(threadId)
    if (run?.runId === runId) {
      run.controller.abort(reason)
      return true
    }
    const queue = this.queues.get(threadId) ?? []
    const i = queue.findIndex((p) => p.runId === runId)
    if (i < 0) return false
    const [p] = queue.splice(i, 1)
    void this.endUnstarted(p, reason?.message ?? null)
    return true
  }

  /** Cancels the thread's run in flight here and its queued follow-ups, and waits for them to end (data deletion). */
  async cancelThread(threadId: string): Promise<void> {
    const reason = new RunAbort('conversation deleted')
    const queued = this.queues.get(threadId) ?? []
    this.queues.delete(threadId)
    const run = this.active.get(threadId)
    run?.controller.abort(reason)
    await Promise.all([run?.done, ...queued.map((p) => this.endUnstarted(p, reason.message))])
  }

  /** Follow-ups waiting here for their thread's run (`followUpMode: 'queue'`), all threads together. */
  queuedCount(): number {
    let n = 0
    for (const q of this.queues.values()) n += q.length
    return n
  }

  isActive(threadId: string, runId: string): boolean {
    return this.active.get(threadId)?.runId === runId
  }

  /**
   * Refuses new runs, cancels those in flight (their answers are saved, marked cancelled, and
   * their streams end properly) and queued ones, and waits, at most `timeoutMs`.
   */
  async shutdown(timeoutMs = 5000): Promise<void> {
    this.stopping = true
    const reason = new RunAbort('server shutting down')
    const queued = [...this.queues.values()].flat()
    this.queues.clear()
    const runs = this.active.all()
    for (const r of runs) r.controller.abort(reason)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all([...runs.map((r) => r.done), ...queued.map((p) => this.endUnstarted(p, reason.message))]),
      new Promise<void>((r) => (timer = setTimeout(r, timeoutMs))),
    ])
    clearTimeout(timer)
  }

  private claim(threadId: string, runId: string) {
    let ended!: () => void
    let answer!: () => void
    const done = new Promise<void>((r) => (ended = r))
    const answered = new Promise<void>((r) => (answer = r))
    const run: ActiveRun & { settle(): void; answer(): void } = {
      runId, threadId, controller: new AbortController(), done, answered, hasAnswer: false,
      answer: () => ((run.hasAnswer = true), answer()),
      settle: () => (run.answer(), ended()),
      followUps: new FollowUpQueue((taken) => {
        const data = { type: ChatEventTypes.FollowUpConsumed, messageIds: taken.map((t) => t.messageId) }
        this.deps.log.append(runId, { type: 'event', event: ChatEvent.ChatEvent, data }).catch(() => {})
      }),
    }
    if (!this.active.claim(run)) throw new RunRefused(RunRefusalCodes.RunInProgress, `thread ${threadId} already has an active run`)
    return run
  }

  /** Logs `on_conversation_start` and sets the agent going in the background. */
  private async launch(run: ActiveRun & { settle(): void; answer(): void }, p: Pending): Promise<void> {
    const { store, log, clock } = this.deps
    const { thread, agent, req, turn } = p
    const history = await loadHistory(store, thread.id, turn.historyCut)
    await store.threads.setStatus(thread.id, 'busy', iso(clock))
    // The answer's row goes in before anything queued meanwhile: question, answer, next question.
    if (!turn.ai.existing) {
      const at = iso(clock)
      await store.messages.create({
        id: turn.ai.id, threadId: thread.id, runId: run.runId, role: 'ai', content: [], status: 'streaming', error: null, metadata: turn.ai.metadata, createdAt: at, updatedAt: at,
      })
      turn.ai.existing = true
    }
    run.answer()
    await log.append(run.runId, {
      type: 'event',
      event: ChatEvent.ConversationStart,
      data: { id: thread.id, status: 'busy', runId: run.runId, ...(turn.userMessage ? { userMessage: turn.userMessage } : {}) },
    })
    const signal = run.controller.signal
    const ctx: AgentContext = {
      threadId: thread.id, runId: run.runId, assistantId: agent.id, userId: thread.userId, history, input: turn.input,
      ...(turn.action ? { action: turn.action } : {}), ...(turn.resume ? { resume: turn.resume } : {}), retry: turn.retry,
      followUps: run.followUps, files: agentFiles(store, this.deps.blobs, { assistantId: agent.id, userId: thread.userId }), state: req.state, context: req.context, config: req.config, signal,
      sleep: (ms: number) => sleep(ms, signal),
    }
    const finish = async (o: RunOutcome) => {
      const end = iso(clock)
      await store.runs.setStatus(run.runId, o.status, o.error, end)
      await store.threads.setStatus(thread.id, o.status === 'error' ? 'error' : o.status === 'interrupted' ? 'interrupted' : 'idle', end)
      this.active.release(run)
    }
    const limit = this.deps.maxRunMs
    const timeout = limit === null ? undefined : setTimeout(() => run.controller.abort(runTimeout(limit)), limit)
    timeout?.unref()
    const execute = () => executeRun(this.deps, agent, ctx, turn, finish)
    void (this.deps.observeRun ? this.deps.observeRun(ctx, execute) : execute())
      .catch((e) => this.deps.onError(`run ${run.runId}: engine failure`, e))
      .finally(() => {
        clearTimeout(timeout)
        this.active.release(run)
        run.settle()
        const left = run.followUps.end()
        void this.requeue(thread, agent, req, left).then(() => this.launchNext(thread.id))
      })
  }

  /** Queues a message; one at a time per thread, so the queue's order is the stored order. */
  private enqueue(thread: ThreadRecord, agent: Agent, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    const mine = (this.enqueuing.get(thread.id) ?? Promise.resolve()).then(() => this.enqueueNow(thread, agent, req, files))
    const tail = mine.then(() => {}, () => {})
    this.enqueuing.set(thread.id, tail)
    void tail.then(() => this.enqueuing.get(thread.id) === tail && this.enqueuing.delete(thread.id))
    return mine
  }

  private async enqueueNow(thread: ThreadRecord, agent: Agent, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    const { store, log, clock } = this.deps
    const runId = newId()
    const at = iso(clock)
    await store.runs.create({ id: runId, threadId: thread.id, assistantId: agent.id, status: 'pending', error: null, createdAt: at, updatedAt: at })
    // Not between the running turn's question and its answer (a run may also start meanwhile).
    for (let r = this.active.get(thread.id); r && !r.hasAnswer; r = this.active.get(thread.id)) await r.answered
    const turn = await prepareTurn(store, thread, req, files, runId, at)
    const queue = this.queues.get(thread.id) ?? []
    this.queues.set(thread.id, queue)
    queue.push({ runId, thread, agent, req, turn })
    // Opens the queued run's log at once, so a client can join it before it starts.
    const data = { type: ChatEventTypes.FollowUpQueued, runId, position: queue.length, userMessage: turn.userMessage }
    await log.append(runId, { type: 'event', event: ChatEvent.ChatEvent, data })
    const current = this.active.get(thread.id)
    if (current) await log.append(current.runId, { type: 'event', event: ChatEvent.ChatEvent, data }).catch(() => {})
    else this.launchNext(thread.id)
    return { mode: 'queued', runId, userMessageId: turn.userMessage!.id }
  }

  private async steer(current: ActiveRun, thread: ThreadRecord, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    const at = iso(this.deps.clock)
    const turn = await prepareTurn(this.deps.store, thread, req, files, current.runId, at)
    const item: SteeredInput = { messageId: turn.userMessage!.id, clientMessageId: req.clientMessageId, input: turn.input }
    current.followUps.push(item)
    return { mode: 'steered', runId: current.runId, userMessageId: item.messageId }
  }

  /** Steered messages the agent never took become queued runs, so none is lost. */
  private async requeue(thread: ThreadRecord, agent: Agent, req: ParsedRun, left: SteeredInput[]): Promise<void> {
    const { store, log, clock } = this.deps
    for (const s of left) {
      const runId = newId()
      const at = iso(clock)
      await store.runs.create({ id: runId, threadId: thread.id, assistantId: agent.id, status: 'pending', error: null, createdAt: at, updatedAt: at })
      const turn: Turn = {
        userMessage: { id: s.messageId, ...(s.clientMessageId ? { clientMessageId: s.clientMessageId } : {}) },
        input: s.input, retry: false, ai: { id: newId(), parts: [], existing: false, metadata: {} }, historyCut: s.messageId,
      }
      const queue = this.queues.get(thread.id) ?? []
      this.queues.set(thread.id, queue)
      queue.push({ runId, thread, agent, req: { ...req, kind: 'message', text: s.input.text }, turn })
      await log.append(runId, { type: 'event', event: ChatEvent.ChatEvent, data: { type: ChatEventTypes.FollowUpQueued, runId, position: queue.length, userMessage: turn.userMessage } })
    }
  }

  /** Starts the thread's next queued run, if the thread is free. */
  private launchNext(threadId: string): void {
    const queue = this.queues.get(threadId)
    if (this.active.get(threadId)) return
    if (this.stopping || !queue?.length) return this.releaseThread(threadId)
    const p = queue.shift()!
    if (!queue.length) this.queues.delete(threadId)
    const run = this.claim(threadId, p.runId)
    void this.deps.store.runs
      .setStatus(p.runId, 'running', null, iso(this.deps.clock))
      .then(() => this.launch(run, p))
      .catch(async (e) => {
        this.deps.onError(`queued run ${p.runId}: failed to start`, e)
        this.active.release(run)
        run.settle()
        await this.endUnstarted(p, 'failed to start', 'error')
        this.launchNext(threadId)
      })
  }

  /** The thread has nothing left to run here: other replicas may start runs on it. */
  private releaseThread(threadId: string): void {
    this.deps.locks?.release(threadId).catch((e) => this.deps.onError(`thread ${threadId}: releasing its lock failed`, e))
  }

  /** Ends a run that never started: recorded, and its log closed with a clear end. */
  private async endUnstarted(p: Pending, error: string | null, status: 'cancelled' | 'error' = 'cancelled'): Promise<void> {
    const { store, log, clock } = this.deps
    const end: StreamEnvelope[] = [
      { type: 'event', event: ChatEvent.ConversationEnd, data: { status, ...(error ? { error } : {}) } },
      { type: 'complete' },
    ]
    try {
      await store.runs.setStatus(p.runId, status, error, iso(clock))
      for (const e of end) await log.append(p.runId, e)
      await log.close(p.runId)
    } catch (e) {
      this.deps.onError(`run ${p.runId}: ending it failed`, e)
    }
  }
}

/** The abort of a run that outlived `maxRunMs`: it ends as an error with code `run_timeout`. */
function runTimeout(ms: number): RunAbort {
  const limit = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
  return new RunAbort(`run_timeout: the answer took longer than this server's limit of ${limit} and was stopped`, 'run_timeout')
}
