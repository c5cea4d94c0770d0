import { ChatEvent, ChatEventTypes } from '@xpert-ai/chatkit-protocol'
import type { AgentFile } from '../agent/types.js'
import type { ThreadRecord } from '../store/types.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'
import type { ActiveRun, ActiveRuns } from './active-runs.js'
import type { ExecuteDeps } from './execute-run.js'
import { RunRefused, RunRefusalCodes } from './refusals.js'
import type { ParsedRun } from './run-input.js'
import { afterRemoteAnswer, pushFollowUp } from './stored-follow-ups.js'
import { prepareTurn } from './turn.js'

export type StartResult =
  | { mode: 'stream'; runId: string }
  | { mode: 'queued'; runId: string; userMessageId: string }
  | { mode: 'steered'; runId: string; userMessageId: string }

/**
 * A message sent while its thread is busy (a run here, on another replica, or queued runs): refused
 * with 409 `run_in_progress`, handed to the running agent (`followUpMode:'steer'`), or queued behind
 * it (`'queue'`, serial per thread in this process). Either way it is stored (`store.followUps`) and
 * `wakeAll` tells the replica holding the thread; the engine takes it from there (`RunEngine.wake`).
 */
export class FollowUpIntake {
  /** The last queueing in progress per thread (queueing is serial per thread here). */
  private readonly enqueuing = new Map<string, Promise<void>>()

  constructor(
    private readonly deps: ExecuteDeps,
    private readonly active: ActiveRuns,
    private readonly wakeAll: (threadId: string) => Promise<void>,
  ) {}

  async take(thread: ThreadRecord, req: ParsedRun, files: AgentFile[], busy: string, current: ActiveRun | null): Promise<StartResult> {
    if (req.parentId !== undefined)
      throw new RunRefused(RunRefusalCodes.RunInProgress, `thread ${thread.id} is answering; an edit or a regenerated answer waits until it ends`)
    if (req.kind !== 'message' || !req.followUpMode) {
      throw new RunRefused(
        RunRefusalCodes.RunInProgress,
        `thread ${thread.id} already has ${busy}; wait, cancel it, or send with followUpMode "queue" or "steer"`,
      )
    }
    if (req.followUpMode === 'steer') {
      const runId = current?.runId ?? (await this.deps.store.runs.runningOf(thread.id))?.id
      if (runId) return this.steer(thread, req, files, runId)
    }
    const mine = (this.enqueuing.get(thread.id) ?? Promise.resolve()).then(() => this.enqueue(thread, req, files))
    const tail = mine.then(
      () => {},
      () => {},
    )
    this.enqueuing.set(thread.id, tail)
    void tail.then(() => this.enqueuing.get(thread.id) === tail && this.enqueuing.delete(thread.id))
    return mine
  }

  private async enqueue(thread: ThreadRecord, req: ParsedRun, files: AgentFile[]): Promise<StartResult> {
    const { store, log, clock } = this.deps
    const runId = newId()
    const at = iso(clock)
    await store.runs.create({ id: runId, threadId: thread.id, assistantId: thread.assistantId, status: 'pending', error: null, createdAt: at, updatedAt: at })
    // Not between the running turn's question and its answer (a run may also start meanwhile).
    for (let r = this.active.get(thread.id); r && !r.hasAnswer; r = this.active.get(thread.id)) await r.answered
    if (!this.active.get(thread.id)) await afterRemoteAnswer(store, this.deps.locks, thread.id)
    const turn = await prepareTurn(store, thread, req, files, runId, at)
    // The queued run's log opens first (a client can join it before it starts); it is stored after,
    // so the replica that starts it writes to an existing log.
    const data = { type: ChatEventTypes.FollowUpQueued, runId, position: (await store.followUps.count(thread.id)) + 1, userMessage: turn.userMessage }
    await log.append(runId, { type: 'event', event: ChatEvent.ChatEvent, data })
    log.release?.(runId)
    await pushFollowUp(store, 'queue', thread.id, runId, req, turn, at)
    const current = this.active.get(thread.id)
    if (current?.runId) await log.append(current.runId, { type: 'event', event: ChatEvent.ChatEvent, data }).catch(() => {})
    await this.wakeAll(thread.id)
    return { mode: 'queued', runId, userMessageId: turn.userMessage!.id }
  }

  private async steer(thread: ThreadRecord, req: ParsedRun, files: AgentFile[], runId: string): Promise<StartResult> {
    const at = iso(this.deps.clock)
    const turn = await prepareTurn(this.deps.store, thread, req, files, runId, at)
    await pushFollowUp(this.deps.store, 'steer', thread.id, runId, req, turn, at)
    await this.wakeAll(thread.id)
    return { mode: 'steered', runId, userMessageId: turn.userMessage!.id }
  }
}
