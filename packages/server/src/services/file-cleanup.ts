import type { ServiceDeps } from './deps.js'
import type { Owner } from '../store/types.js'

/** What one sweep removed. */
export type FileSweepResult = {
  /** Uploads in progress past their deadline (a crashed or stalled upload): reservation freed, partial bytes gone. */
  expiredUploads: number
  /** Files attached to no conversation once past the grace period (never sent, or their conversation is gone). */
  orphanFiles: number
  /** Bytes on disk the store does not know (partial writes after a crash, leftovers of an interrupted delete). */
  strayBlobs: number
}

/** Deletes the bytes of files whose records are already gone. The store is the truth: the sweep removes what is left. */
async function removeBlobs(deps: ServiceDeps, ids: readonly string[]): Promise<void> {
  const blobs = deps.files.blobs
  if (!blobs) return
  for (const id of ids) await blobs.delete(id)
}

/** Deletes a conversation's files (records, quota, bytes). Call before the thread itself goes. */
async function deleteThreadFiles(deps: ServiceDeps, threadId: string): Promise<number> {
  const ids = await deps.store.files.deleteForThread(threadId)
  await removeBlobs(deps, ids)
  return ids.length
}

/**
 * Deletes a conversation that has no run in progress: its files, then its logged run events when
 * the log keeps them outside the database, then the thread with its messages, runs and feedback.
 */
export async function deleteThread(deps: ServiceDeps, threadId: string): Promise<number> {
  const files = await deleteThreadFiles(deps, threadId)
  if (deps.log.forget) await deps.log.forget(await deps.store.runs.idsOfThread(threadId))
  await deps.store.threads.delete(threadId)
  return files
}

/**
 * Deletes everything the server keeps for one user of one assistant: their conversations (with
 * messages, runs, feedback and files) and their remaining files. Runs in progress are cancelled
 * first. Client secrets already issued stay valid until they expire; stop minting new ones.
 */
export async function deleteUserData(deps: ServiceDeps, owner: Owner): Promise<{ conversations: number; files: number }> {
  let conversations = 0
  let files = 0
  for (;;) {
    const page = await deps.store.threads.search(owner, { limit: 100, offset: 0 })
    if (!page.items.length) break
    for (const t of page.items) {
      await deps.engine.cancelThread(t.id)
      files += await deleteThread(deps, t.id)
      conversations++
    }
  }
  const rest = await deps.store.files.deleteForOwner(owner)
  await removeBlobs(deps, rest)
  return { conversations, files: files + rest.length }
}

/**
 * One pass of the file sweep: cancels expired uploads, deletes orphan files past the grace period,
 * then removes bytes on disk that no stored file or upload in progress owns.
 */
async function sweepFiles(deps: ServiceDeps): Promise<FileSweepResult> {
  const blobs = deps.files.blobs
  const now = deps.clock.now()
  const expired = await deps.store.files.cancelExpiredUploads(now)
  const orphans = await deps.store.files.deleteOrphans(new Date(now - deps.files.orphanGraceMs).toISOString())
  await removeBlobs(deps, [...expired, ...orphans])
  let strayBlobs = 0
  if (blobs) {
    const batch: string[] = []
    const flush = async () => {
      const known = await deps.store.files.known(batch)
      for (const id of batch) {
        if (known.has(id)) continue
        await blobs.delete(id)
        strayBlobs++
      }
      batch.length = 0
    }
    for await (const id of blobs.list()) {
      batch.push(id)
      if (batch.length >= 500) await flush()
    }
    await flush()
  }
  return { expiredUploads: expired.length, orphanFiles: orphans.length, strayBlobs }
}

/**
 * Runs the sweep now (startup) and every `sweepIntervalMs`, one pass at a time. `stop` ends the
 * timer and waits for a pass in flight, so the store is not closed under it.
 */
export function startFileSweeper(deps: ServiceDeps, onError: (message: string, error: unknown) => void) {
  let running: Promise<FileSweepResult> | null = null
  const sweep = (): Promise<FileSweepResult> => {
    const pass = (running ?? Promise.resolve()).catch(() => {}).then(() => sweepFiles(deps))
    running = pass
    return pass
  }
  const background = () => void sweep().catch((e) => onError('file sweep failed', e))
  let timer: ReturnType<typeof setInterval> | null = null
  if (deps.files.blobs) {
    background()
    if (deps.files.sweepIntervalMs > 0) {
      timer = setInterval(background, deps.files.sweepIntervalMs)
      timer.unref()
    }
  }
  return {
    sweep,
    async stop() {
      if (timer) clearInterval(timer)
      await running?.catch(() => {})
    },
  }
}
