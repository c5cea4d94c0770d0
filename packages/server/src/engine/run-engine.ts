import { ChatEvent } from '@xpert-ai/chatkit-protocol'
import type { Agent } from '../agent/types.js'
import type { RunEventLog } from '../events/run-event-log.js'
import { conflict, HttpError } from '../http/errors.js'
import { toApiMessage } from '../services/api-shapes.js'
import type { Store, ThreadRecord } from '../store/types.js'
import { sleep } from '../util/abortable-sleep.js'
import { iso, type Clock } from '../util/clock.js'
import { newId } from '../util/ids.js'
import { ActiveRuns, type ActiveRun } from './active-runs.js'
import { executeRun, RunAbort, type ExecuteDeps } from './execute-run.js'
import type { ParsedRun } from './run-request.js'

/** How many earlier messages an agent sees as history. */
const HISTORY_LIMIT = 200

/**
 * Starts, tracks and cancels runs. A run outlives the request that started it
 * (`on_disconnect: continue`): clients watch it through the run-event log.
 */
export class RunEngine {
  private readonly active = new ActiveRuns()
  private stopping = false

  constructor(private readonly deps: ExecuteDeps) {}

  /**
   * Records the run and the user's message, logs `on_conversation_start`, and sets the agent
   * going in the background. Resolves once the run's log exists, so the caller can subscribe.
   * A thread with a run in flight gets a 409.
   */
  async start(thread: ThreadRecord, agent: Agent, req: ParsedRun): Promise<{ runId: string }> {
    if (this.stopping) throw new HttpError(503, 'shutting_down', 'the server is shutting down')
    let settle!: () => void
    const run: ActiveRun = {
      runId: newId(),
      threadId: thread.id,
      controller: new AbortController(),
      done: new Promise<void>((r) => (settle = r)),
    }
    if (!this.active.claim(run)) {
      const current = this.active.get(thread.id)!
      throw conflict(`thread ${thread.id} already has an active run (${current.runId}); wait for it or cancel it`, 'run_in_progress')
    }
    const { store, log, clock } = this.deps
    let userMessageId: string
    try {
      const history = await loadHistory(store, thread.id)
      const at = iso(clock)
      await store.runs.create({ id: run.runId, threadId: thread.id, assistantId: agent.id, status: 'running', error: null, createdAt: at, updatedAt: at })
      userMessageId = newId()
      await store.messages.create({
        id: userMessageId, threadId: thread.id, runId: run.runId, role: 'human', content: req.input.text, status: 'success', error: null,
        metadata: { clientMessageId: req.clientMessageId, files: req.input.files, references: req.input.references },
        createdAt: at, updatedAt: at,
      })
      await store.threads.setStatus(thread.id, 'busy', at)
      await log.append(run.runId, {
        type: 'event',
        event: ChatEvent.ConversationStart,
        data: { id: thread.id, status: 'busy', runId: run.runId, userMessage: { id: userMessageId, clientMessageId: req.clientMessageId } },
      })
      const signal = run.controller.signal
      const ctx = {
        threadId: thread.id, runId: run.runId, assistantId: agent.id, userId: thread.userId, history,
        input: req.input, state: req.state, context: req.context, config: req.config, signal,
        sleep: (ms: number) => sleep(ms, signal),
      }
      void executeRun(this.deps, agent, ctx, async (o) => {
        const end = iso(clock)
        await store.runs.finish(run.runId, o.status, o.error, end)
        await store.threads.setStatus(thread.id, o.status === 'error' ? 'error' : 'idle', end)
        this.active.release(run)
      })
        .catch((e) => this.deps.onError(`run ${run.runId}: engine failure`, e))
        .finally(() => {
          this.active.release(run)
          settle()
        })
    } catch (e) {
      this.active.release(run)
      settle()
      await store.runs.finish(run.runId, 'error', 'failed to start', iso(clock)).catch(() => {})
      throw e
    }
    return { runId: run.runId }
  }

  /** Aborts the run if it is in flight here. Returns false when it is not (finished or unknown). */
  cancel(threadId: string, runId: string, reason?: RunAbort): boolean {
    const run = this.active.get(threadId)
    if (!run || run.runId !== runId) return false
    run.controller.abort(reason)
    return true
  }

  isActive(threadId: string, runId: string): boolean {
    return this.active.get(threadId)?.runId === runId
  }

  /**
   * Refuses new runs, cancels those in flight (their answers are saved, marked cancelled, and
   * their streams end properly) and waits for them, at most `timeoutMs`.
   */
  async shutdown(timeoutMs = 5000): Promise<void> {
    this.stopping = true
    const runs = this.active.all()
    for (const r of runs) r.controller.abort(new RunAbort('server shutting down'))
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(runs.map((r) => r.done)),
      new Promise<void>((r) => (timer = setTimeout(r, timeoutMs))),
    ])
    clearTimeout(timer)
  }
}

async function loadHistory(store: Store, threadId: string) {
  const { total } = await store.messages.list(threadId, 0, 0)
  const page = await store.messages.list(threadId, HISTORY_LIMIT, Math.max(0, total - HISTORY_LIMIT))
  return page.items.map(toApiMessage)
}
