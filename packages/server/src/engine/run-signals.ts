/**
 * Signals for runs that may execute on another replica. With one process none is needed (the
 * engine cancels its own runs); with many, the Redis implementation
 * (`@xpert-ai/chatkit-server-redis`) publishes each request to every replica, and the replica
 * running the agent acts on it.
 */
export interface RunSignals {
  /** Asks every replica to cancel `runId` of `threadId`; resolves once the request is sent. */
  cancel(threadId: string, runId: string): Promise<void>
  /** Registers the handler of cancel requests published by any replica (this one included). */
  onCancel(handler: (threadId: string, runId: string) => void): void
  /**
   * Tells every replica that a thread's follow-ups changed (a message queued or steered through
   * any replica, or a replica stopping with some still waiting). Optional: without it, only the
   * process that stored a follow-up looks at once; the one running the thread still takes them
   * when its run ends.
   */
  followUp?(threadId: string): Promise<void>
  /** Registers the handler of `followUp` (this replica's own included). */
  onFollowUp?(handler: (threadId: string) => void): void
}

/**
 * One active run per thread across replicas. The engine takes a thread before starting its run
 * and gives it back once the thread has nothing left to run here; a lock of a replica that died
 * must lapse by itself (a lease), so its threads take new runs once its runs are taken over.
 */
export interface ThreadLocks {
  /** Takes the thread for this process; false when another replica holds it. */
  acquire(threadId: string): Promise<boolean>
  /** Gives the thread back (only if this process holds it). */
  release(threadId: string): Promise<void>
  /** Whether any replica holds the thread now (optional; lets a message queued elsewhere wait for the running answer's row). */
  isHeld?(threadId: string): Promise<boolean>
}
