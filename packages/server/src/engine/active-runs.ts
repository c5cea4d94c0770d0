/**
 * Runs in flight on this process, one per thread. Registration is synchronous so two requests
 * racing for the same thread cannot both pass the check (the store is async).
 */
import type { FollowUpQueue } from './follow-ups.js'

export type ActiveRun = {
  runId: string
  threadId: string
  controller: AbortController
  /** Messages steered into this run (`followUpMode: 'steer'`). */
  followUps: FollowUpQueue
  /** Settles when the run has fully ended (stored, log closed). */
  done: Promise<void>
  /** Settles once the run's answer message exists (or the run ended): messages queued meanwhile are stored after it. */
  answered: Promise<void>
  hasAnswer: boolean
}

export class ActiveRuns {
  private readonly byThread = new Map<string, ActiveRun>()

  get(threadId: string): ActiveRun | undefined {
    return this.byThread.get(threadId)
  }

  /** Returns false when the thread already has a run. */
  claim(run: ActiveRun): boolean {
    if (this.byThread.has(run.threadId)) return false
    this.byThread.set(run.threadId, run)
    return true
  }

  release(run: ActiveRun): void {
    if (this.byThread.get(run.threadId) === run) this.byThread.delete(run.threadId)
  }

  all(): ActiveRun[] {
    return [...this.byThread.values()]
  }
}
