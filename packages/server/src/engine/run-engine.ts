import { ChatEvent } from '@xpert-ai/chatkit-protocol'
import type { Agent, AgentFile } from '../agent/types.js'
import type { FollowUpRecord, ThreadRecord } from '../store/types.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'
import { agentContextOf } from './agent-context.js'
import { ActiveRuns, newClaim, type Claimed } from './active-runs.js'
import { executeRun, RunAbort, runTimeout, type ExecuteDeps, type RunOutcome } from './execute-run.js'
import { FollowUpIntake, type StartResult } from './follow-up-intake.js'
import { loadHistory } from './history.js'
import { RunRefused, RunRefusalCodes } from './refusals.js'
import type { ParsedRun } from './run-input.js'
import { endUnstarted, pendingOf, requeueSteered, steeredInput, type Pending } from './stored-follow-ups.js'
import { prepareTurn } from './turn.js'

export type EngineDeps = ExecuteDeps & {
  /** The agent of an assistant id (a queued follow-up names only its thread). */
  agentOf(assistantId: string): Agent | undefined
  /** Tells every replica that a thread has follow-ups waiting (`RunSignals.followUp`); absent with one process. */
  notify?: ((threadId: string) => Promise<void>) | null
}

/**
 * Starts, tracks and cancels runs. A run outlives the request that started it
 * (`on_disconnect: continue`): clients watch it through the run-event log. One run per thread at
 * a time, across replicas (`ThreadLocks`); a message sent meanwhile is queued
 * (`followUpMode:'queue'`), handed to the running agent (`'steer'`), or refused with 409
 * `run_in_progress`. Follow-ups wait in the store (`store.followUps`), so any replica can add one:
 * the process holding the thread takes them, steered ones into its running agent (woken through
 * `notify`), queued ones as the next runs when the current one ends.
 */
export class RunEngine {
  private readonly active = new ActiveRuns()
  /** Messages sent while a thread is busy: queued, steered or refused (`follow-up-intake.ts`). */
  private readonly intake: FollowUpIntake
  /** Threads whose lock this process holds (taken while one of its claims here drives the thread). */
  private readonly held = new Set<string>()
  private stopping = false

  constructor(private readonly deps: EngineDeps) {
    this.intake = new FollowUpIntake(deps, this.active, (threadId) => this.wakeAll(threadId))
  }

  async start(thread: ThreadRecord, agent: Agent, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    if (this.stopping) throw new RunRefused(RunRefusalCodes.ShuttingDown, 'the server is shutting down')
    const current = this.active.get(thread.id)
    if (current) return this.intake.take(thread, req, files, `an active run (${current.runId})`, current)
    const run = this.claim(thread.id, newId())
    let busy: string | null
    try {
      busy = (await this.deps.store.followUps.count(thread.id)) > 0 ? 'queued runs' : (await this.take(thread.id)) ? null : 'an active run on another replica'
    } catch (e) {
      this.drop(run)
      throw e
    }
    if (busy) {
      this.drop(run)
      return this.intake.take(thread, req, files, busy, null)
    }
    const at = iso(this.deps.clock)
    try {
      await this.deps.store.runs.create({
        id: run.runId,
        threadId: thread.id,
        assistantId: agent.id,
        status: 'running',
        error: null,
        createdAt: at,
        updatedAt: at,
      })
      const turn = await prepareTurn(this.deps.store, thread, req, files, run.runId, at)
      await this.launch(run, { runId: run.runId, thread, agent, req, turn })
    } catch (e) {
      await this.deps.store.runs.setStatus(run.runId, 'error', 'failed to start', iso(this.deps.clock)).catch(() => {})
      // A log opened before the failure must not stay open (a join would wait forever).
      await this.deps.log.close(run.runId).catch(() => {})
      await this.handOff(run, thread.id)
      run.settle()
      throw e
    }
    return { mode: 'stream', runId: run.runId }
  }

  /** Aborts the run if it is in flight here, or (`queued`) drops it from the stored queue. False when it is neither. */
  async cancel(threadId: string, runId: string, queued = true): Promise<boolean> {
    const run = this.active.get(threadId)
    if (run?.runId === runId) {
      run.controller.abort()
      return true
    }
    if (!queued || !(await this.deps.store.followUps.remove(runId))) return false
    await endUnstarted(this.deps, runId, null)
    return true
  }

  /** Cancels the thread's queued follow-ups and its run in flight here, and waits for them to end (data deletion). */
  async cancelThread(threadId: string): Promise<void> {
    const reason = new RunAbort('conversation deleted')
    const queued: string[] = []
    for (let f: FollowUpRecord | null; (f = await this.deps.store.followUps.takeNext(threadId)); ) if (f.mode === 'queue') queued.push(f.runId)
    const run = this.active.get(threadId)
    run?.controller.abort(reason)
    await Promise.all([run?.done, ...queued.map((id) => endUnstarted(this.deps, id, reason.message))])
  }

  /**
   * A thread's follow-ups changed (a steer or queue through any replica): a run of it in flight
   * here takes the steered ones; a thread nobody runs starts its next queued one.
   */
  async wake(threadId: string): Promise<void> {
    const run = this.active.get(threadId)
    if (!run?.runId) return this.recheck(threadId)
    const taken = (await this.deps.store.followUps.takeSteered(threadId)).map(steeredInput)
    // The run ended meanwhile: they run after it.
    await requeueSteered(
      this.deps.store,
      taken.filter((s) => !run.followUps.push(s)),
    )
  }

  /** Follow-ups waiting behind the runs of this replica (queued or steered, in the store). */
  async queuedCount(): Promise<number> {
    const counts = await Promise.all(this.active.all().map((r) => this.deps.store.followUps.count(r.threadId)))
    return counts.reduce((a, b) => a + b, 0)
  }

  /**
   * Refuses new runs, cancels those in flight (their answers are saved, marked cancelled, and
   * their streams end properly), and waits, at most `timeoutMs`. Queued follow-ups stay in the
   * store: another replica runs them (it is told), or a restart marks them interrupted.
   */
  async shutdown(timeoutMs = 5000): Promise<void> {
    this.stopping = true
    const reason = new RunAbort('server shutting down')
    const runs = this.active.all()
    for (const r of runs) r.controller.abort(reason)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([Promise.all(runs.map((r) => r.done)), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))])
    clearTimeout(timer)
  }

  private claim(threadId: string, runId: string): Claimed {
    const run = newClaim(threadId, runId, this.deps.log)
    if (!this.active.claim(run)) throw new RunRefused(RunRefusalCodes.RunInProgress, `thread ${threadId} already has an active run`)
    return run
  }

  private drop(run: Claimed): void {
    void (this.active.release(run), run.settle())
  }

  /** Takes the thread's lock for a claim made here (re-entrant: a claim hands the thread to the next). */
  private async take(threadId: string): Promise<boolean> {
    if (this.held.has(threadId)) return true
    if (this.deps.locks && !(await this.deps.locks.acquire(threadId))) return false
    this.held.add(threadId)
    return true
  }

  /** Logs `on_conversation_start` and sets the agent going in the background. */
  private async launch(run: Claimed, p: Pending): Promise<void> {
    const { store, log, clock } = this.deps
    const { thread, agent, turn } = p
    const history = await loadHistory(store, thread.id, turn.historyCut)
    await store.threads.setStatus(thread.id, 'busy', iso(clock))
    // The answer's row goes in before anything queued meanwhile: question, answer, next question.
    if (!turn.ai.existing) {
      const at = iso(clock)
      await store.messages.create({
        id: turn.ai.id,
        threadId: thread.id,
        runId: run.runId,
        role: 'ai',
        content: [],
        status: 'streaming',
        error: null,
        metadata: turn.ai.metadata,
        createdAt: at,
        updatedAt: at,
        ...(turn.ai.parentId ? { parentId: turn.ai.parentId } : {}),
      })
      turn.ai.existing = true
    }
    run.answer()
    // The run's first event is queued and the agent set going at once: the answer's start commits
    // with it, in one log write that the client gets with the response headers (Enter → first character).
    const opened = log.append(run.runId, {
      type: 'event',
      event: ChatEvent.ConversationStart,
      data: { id: thread.id, status: 'busy', runId: run.runId, ...(turn.userMessage ? { userMessage: turn.userMessage } : {}) },
    })
    const ctx = agentContextOf(this.deps, p, run, history)
    // Recorded before the closing events go out; the thread passes to its next follow-up (or is
    // given back) then too, so a client that sees the end can send at once, through any replica.
    const finish = async (o: RunOutcome) => {
      const end = iso(clock)
      await store.runs.setStatus(run.runId, o.status, o.error, end)
      await store.threads.setStatus(thread.id, o.status === 'error' ? 'error' : o.status === 'interrupted' ? 'interrupted' : 'idle', end)
      await this.handOff(run, thread.id)
    }
    const limit = this.deps.maxRunMs
    const timeout = limit === null ? undefined : setTimeout(() => run.controller.abort(runTimeout(limit)), limit)
    timeout?.unref()
    const execute = () => executeRun(this.deps, agent, ctx, turn, finish)
    void (this.deps.observeRun ? this.deps.observeRun(ctx, execute) : execute())
      .catch((e) => this.deps.onError(`run ${run.runId}: engine failure`, e))
      .then(() => (this.active.get(thread.id) === run ? this.handOff(run, thread.id) : undefined))
      .catch((e) => this.deps.onError(`thread ${thread.id}: passing it on failed`, e))
      .finally(() => {
        clearTimeout(timeout)
        run.settle()
      })
    // The response waits for it (the client's first event is durable); if it could not be logged, the run stops.
    await opened.catch((e: unknown) => {
      run.controller.abort(e)
      throw e
    })
  }

  /** Wakes this process for the thread, and tells the others (the one running it takes its follow-ups). */
  private async wakeAll(threadId: string): Promise<void> {
    await this.wake(threadId)
    await this.deps.notify?.(threadId).catch((e) => this.deps.onError(`thread ${threadId}: telling the other replicas failed`, e))
  }

  /**
   * Called holding the thread (claimed here, lock taken): releases `run` and starts the thread's
   * next follow-up under a new claim in the same tick, or gives the thread back.
   */
  private async handOff(run: Claimed, threadId: string): Promise<void> {
    const { store, onError } = this.deps
    await requeueSteered(store, run.followUps.end())
    const f = this.stopping
      ? null
      : await store.followUps.takeNext(threadId).catch((e) => (onError(`thread ${threadId}: taking its next follow-up failed`, e), null))
    if (!f) {
      if (this.held.delete(threadId)) await this.deps.locks?.release(threadId).catch((e) => onError(`thread ${threadId}: releasing its lock failed`, e))
      this.active.release(run)
      // One pushed by another replica while this one held the thread could not take it: look again.
      if (this.stopping) void this.deps.notify?.(threadId).catch(() => {})
      else void this.recheck(threadId)
      return
    }
    this.active.release(run)
    const next = this.claim(threadId, f.mode === 'queue' ? f.runId : newId())
    void this.startFollowUp(next, f)
  }

  private async startFollowUp(run: Claimed, f: FollowUpRecord): Promise<void> {
    try {
      const p = await pendingOf(this.deps, f, run.runId, this.deps.agentOf)
      if (p) {
        await this.deps.store.runs.setStatus(run.runId, 'running', null, iso(this.deps.clock))
        return await this.launch(run, p)
      }
    } catch (e) {
      this.deps.onError(`queued run ${run.runId}: failed to start`, e)
      await endUnstarted(this.deps, run.runId, 'failed to start', 'error')
    }
    await this.handOff(run, f.threadId).catch((e) => this.deps.onError(`thread ${f.threadId}: passing it on failed`, e))
    run.settle()
  }

  /** Starts the thread's next follow-up here when nobody holds the thread. */
  private async recheck(threadId: string): Promise<void> {
    try {
      if (this.stopping || this.active.get(threadId) || !(await this.deps.store.followUps.count(threadId)) || this.active.get(threadId)) return
      const run = this.claim(threadId, '')
      let ok = false
      try {
        ok = await this.take(threadId)
      } finally {
        if (!ok) this.drop(run)
      }
      if (!ok) return
      await this.handOff(run, threadId)
      run.settle()
    } catch (e) {
      this.deps.onError(`thread ${threadId}: starting its follow-ups failed`, e)
    }
  }
}
