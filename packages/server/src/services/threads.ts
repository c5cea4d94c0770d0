import { notFound } from '../http/errors.js'
import type { RunRecord, ThreadRecord } from '../store/types.js'
import { iso } from '../util/clock.js'
import { isId, newId } from '../util/ids.js'
import type { ServiceDeps } from './deps.js'
import type { Principal } from './auth.js'

/**
 * Loads a thread the caller owns. Someone else's thread is a 404, exactly like a missing one, so
 * a secret cannot probe for other users' thread ids.
 */
export async function requireOwnedThread(deps: ServiceDeps, who: Principal, id: string): Promise<ThreadRecord> {
  const t = isId(id) ? await deps.store.threads.get(id) : null
  if (!t || t.assistantId !== who.assistantId || t.userId !== who.userId) throw notFound(`thread ${id.slice(0, 64)} not found`)
  return t
}

/** Loads a run of an owned thread (404 otherwise). */
export async function requireOwnedRun(deps: ServiceDeps, who: Principal, threadId: string, runId: string): Promise<RunRecord> {
  const thread = await requireOwnedThread(deps, who, threadId)
  const run = isId(runId) ? await deps.store.runs.get(runId) : null
  if (!run || run.threadId !== thread.id) throw notFound(`run ${runId.slice(0, 64)} not found`)
  return run
}

/** A new, empty thread owned by the caller (`POST /threads`, `POST /conversations`, a run that creates its thread). */
export async function createOwnedThread(
  deps: ServiceDeps,
  who: Principal,
  init: { id?: string; title?: string | null; metadata?: Record<string, unknown> } = {},
): Promise<ThreadRecord> {
  const at = iso(deps.clock)
  const thread: ThreadRecord = {
    id: init.id ?? newId(),
    assistantId: who.assistantId,
    userId: who.userId,
    title: init.title ?? null,
    metadata: init.metadata ?? {},
    status: 'idle',
    createdAt: at,
    updatedAt: at,
  }
  await deps.store.threads.create(thread)
  return thread
}

/**
 * The caller's thread `id`, created first when no thread has that id (LangGraph's
 * `if_not_exists: 'create'` on a run). Someone else's thread stays a 404; two requests creating
 * the same id at once both get the one thread.
 */
export async function requireOrCreateThread(deps: ServiceDeps, who: Principal, id: string): Promise<ThreadRecord> {
  if (!isId(id)) throw notFound(`thread ${id.slice(0, 64)} not found`)
  if (await deps.store.threads.get(id)) return requireOwnedThread(deps, who, id)
  try {
    return await createOwnedThread(deps, who, { id })
  } catch (e) {
    if (await deps.store.threads.get(id)) return requireOwnedThread(deps, who, id)
    throw e
  }
}
