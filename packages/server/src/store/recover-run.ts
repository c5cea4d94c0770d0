import type { RunRecord, Store } from './types.js'

export const INTERRUPTED_ERROR = 'server stopped during the run'

/**
 * Marks one run whose process died as `interrupted`, with its streaming answer (kept as far as it
 * was saved) and its thread back to idle — what `recoverInterrupted` does at startup for all of
 * them, for a single run a survivor takes over. Returns the run, or null when it had already ended.
 */
export async function recoverRun(store: Store, runId: string, at: string): Promise<RunRecord | null> {
  const run = await store.runs.get(runId)
  if (!run || (run.status !== 'running' && run.status !== 'pending')) return null
  await store.runs.setStatus(runId, 'interrupted', INTERRUPTED_ERROR, at)
  const answer = await store.messages.last(run.threadId, 'ai')
  if (answer && answer.runId === runId && answer.status === 'streaming') {
    await store.messages.update(answer.id, { content: answer.content, status: 'interrupted', error: INTERRUPTED_ERROR, updatedAt: at })
  }
  await store.threads.setStatus(run.threadId, 'idle', at)
  return run
}
