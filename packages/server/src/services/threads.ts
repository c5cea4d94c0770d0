import { notFound } from '../http/errors.js'
import type { RunRecord, ThreadRecord } from '../store/types.js'
import { isId } from '../util/ids.js'
import type { Deps } from '../context.js'
import type { Principal } from './auth.js'

/**
 * Loads a thread the caller owns. Someone else's thread is a 404, exactly like a missing one, so
 * a secret cannot probe for other users' thread ids.
 */
export async function requireOwnedThread(deps: Deps, who: Principal, id: string): Promise<ThreadRecord> {
  const t = isId(id) ? await deps.store.threads.get(id) : null
  if (!t || t.assistantId !== who.assistantId || t.userId !== who.userId) throw notFound(`thread ${id.slice(0, 64)} not found`)
  return t
}

/** Loads a run of an owned thread (404 otherwise). */
export async function requireOwnedRun(deps: Deps, who: Principal, threadId: string, runId: string): Promise<RunRecord> {
  const thread = await requireOwnedThread(deps, who, threadId)
  const run = isId(runId) ? await deps.store.runs.get(runId) : null
  if (!run || run.threadId !== thread.id) throw notFound(`run ${runId.slice(0, 64)} not found`)
  return run
}
