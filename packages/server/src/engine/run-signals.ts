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
}
