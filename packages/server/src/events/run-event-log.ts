import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'

/**
 * One logged run event: its id (the SSE `id:` line) and its envelope. A log that serialized the
 * envelope anyway (to store it) passes that JSON along in `json`, so the SSE writer does not
 * serialize it a second time.
 */
export type RunEvent = { id: string; envelope: StreamEnvelope; json?: string }

export type RunEventListener = {
  event(e: RunEvent): void
  /** The run's log was closed and every event has been delivered. */
  end(): void
}

/**
 * The append-only log of each run's events. The engine appends every envelope before any client
 * sees it; SSE responses subscribe, which replays what follows `afterId` and then follows live.
 * That is what makes `Last-Event-ID` resume lossless and lets any number of clients watch a run.
 *
 * Ids are opaque to clients and strictly increasing within a run. The in-process log is enough
 * for one machine; a Redis Streams log (XADD / XREAD BLOCK) implements the same contract so any
 * replica can serve a resume.
 */
export interface RunEventLog {
  /** Appends an event; returns its id. Throws if the run's log is closed. */
  append(runId: string, envelope: StreamEnvelope): Promise<string>
  /**
   * `append` without a promise, for the hot path (a streamed token): `done` is called with null
   * once the event is committed, or with the error. Optional; the engine uses `append` without it.
   */
  appendThen?(runId: string, envelope: StreamEnvelope, done: (error: unknown, id: string) => void): void
  /** Marks the run finished: subscribers end after the last event. */
  close(runId: string): Promise<void>
  /**
   * Replays events after `afterId` (all when undefined) and follows live ones. Resolves to an
   * unsubscribe function, or `null` when the log knows nothing of the run (never started on this
   * log, or expired). Throws `InvalidEventIdError` for an id this log could not have issued.
   */
  subscribe(runId: string, afterId: string | undefined, listener: RunEventListener): Promise<(() => void) | null>
  /**
   * Drops these runs' events now (their conversation is being deleted). Only a log that keeps
   * events outside the store's database needs it: the SQLite log's rows go with the thread.
   */
  forget?(runIds: readonly string[]): Promise<void>
  /**
   * This process wrote the first events of a run another process may continue (a follow-up
   * queued here that whichever replica holds the thread starts): it forgets what it knew of the
   * run's log, so its subscribers follow the run from the shared log and a later append resumes
   * after the last id written anywhere. Only a log shared by processes needs it.
   */
  release?(runId: string): void
}

export class InvalidEventIdError extends Error {
  constructor(id: string) {
    super(`Last-Event-ID: "${id.slice(0, 64)}" is not an event id of this run`)
    this.name = 'InvalidEventIdError'
  }
}
