import type { Redis } from 'ioredis'
import type { RunEvent } from '@xpert-ai/chatkit-server'
import type { Entry } from './shared-reader.js'
import { seqOf } from './shared-reader.js'

/**
 * What this replica wrote of one open run, in order from seq `from` (`null` is the end mark), so
 * that a Redis which lost it (a restart without persistence) gets the run's stream back with the
 * same ids. `null` once the run no longer fits in the process's budget: it cannot be restored.
 */
export type Kept = { from: number; entries: (RunEvent | null)[]; bytes: number } | null

/** The run's stream as Redis has it after a reconnect: its first and last seq (0: none). */
type Ends = { head: number; tail: number }

/** Past the budget while Redis is unreachable: the run cannot go on. */
export class EventBufferFullError extends Error {
  override name = 'EventBufferFullError'
  constructor(runId: string, limit: number) {
    super(
      `run ${runId}: Redis has been unreachable while this replica buffered its events up to the limit of ${limit >= 1048576 ? `${Math.round(limit / 1048576)} MiB` : `${limit} bytes`} (maxBufferedBytes); the run cannot continue`,
    )
  }
}

/** The run's events were lost by Redis and this replica no longer had them all. */
export class EventsLostError extends Error {
  override name = 'EventsLostError'
  constructor(runId: string) {
    super(`run ${runId}: Redis lost this run's events (restarted) and this replica did not keep them all; the run cannot continue`)
  }
}

/**
 * Reads the first and last id of each stream (one round trip), then, for each run, writes back
 * what Redis is missing of `kept` (a second round trip): nothing when the stream is whole, the
 * entries after its last id when only the tail is missing, all of them (after a `DEL`) when the
 * stream lost its beginning. Returns the runs that cannot be restored (the beginning is gone and
 * another replica wrote it, so this one does not have it).
 */
export async function restoreStreams(
  redis: Redis,
  runs: { key: string; kept: NonNullable<Kept>; open: boolean }[],
  expiry: { openTtlMs: number; retainMs: number },
  /** Called when the writes are built: what is kept from then on is not in them. */
  taken: () => void,
): Promise<Set<number>> {
  const lost = new Set<number>()
  if (!runs.length) {
    taken()
    return lost
  }
  const read = redis.pipeline()
  for (const r of runs) read.xrange(r.key, '-', '+', 'COUNT', 1).xrevrange(r.key, '+', '-', 'COUNT', 1)
  const res = (await read.exec())!
  const ends: Ends[] = runs.map((_, i) => {
    const [e1, head] = res[2 * i] as [Error | null, Entry[]]
    const [e2, tail] = res[2 * i + 1] as [Error | null, Entry[]]
    if (e1 || e2) throw e1 ?? e2
    return { head: head.length ? seqOf(head[0][0]) : 0, tail: tail.length ? seqOf(tail[0][0]) : 0 }
  })
  const write = redis.multi()
  for (const [i, r] of runs.entries()) {
    const { head, tail } = ends[i]
    let after = tail
    if (head === 0 || head > r.kept.from) {
      // Nothing left before our first event (a restart): only a run we wrote from its start comes back.
      if (r.kept.from !== 1) {
        lost.add(i)
        continue
      }
      if (head) write.del(r.key)
      after = 0
    }
    r.kept.entries.forEach((e, k) => {
      const seq = r.kept.from + k
      if (seq <= after) return
      if (e === null) write.xadd(r.key, `${seq}-0`, 'end', '1')
      else write.xadd(r.key, `${seq}-0`, 'd', e.json!)
    })
    write.pexpire(r.key, r.open ? expiry.openTtlMs : expiry.retainMs)
  }
  taken()
  const done = await write.exec()
  const failed = done?.find(([e]) => e)
  if (!done || failed) throw failed?.[0] ?? new Error('Redis discarded the restore transaction')
  return lost
}
