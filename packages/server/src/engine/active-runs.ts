/**
 * Runs in flight on this process, one per thread. Registration is synchronous so two requests
 * racing for the same thread cannot both pass the check (the store is async).
 */
import { ChatEvent, ChatEventTypes } from '@xpert-ai/chatkit-protocol'
import type { RunEventLog } from '../events/run-event-log.js'
import { FollowUpQueue } from './follow-ups.js'

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

/** A run (or a placeholder, `runId` '') as the engine claims it, with the hooks that settle its promises. */
export type Claimed = ActiveRun & { settle(): void; answer(): void }

export function newClaim(threadId: string, runId: string, log: RunEventLog): Claimed {
  let ended!: () => void
  let answer!: () => void
  const done = new Promise<void>((r) => (ended = r))
  const answered = new Promise<void>((r) => (answer = r))
  const run: Claimed = {
    runId,
    threadId,
    controller: new AbortController(),
    done,
    answered,
    hasAnswer: false,
    answer: () => ((run.hasAnswer = true), answer()),
    settle: () => (run.answer(), ended()),
    followUps: new FollowUpQueue((taken) => {
      const data = { type: ChatEventTypes.FollowUpConsumed, messageIds: taken.map((t) => t.messageId) }
      log.append(run.runId, { type: 'event', event: ChatEvent.ChatEvent, data }).catch(() => {})
    }),
  }
  return run
}
