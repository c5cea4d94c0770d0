import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteRunEventLog, SqliteStore, type RunEvent } from '@xpert-ai/chatkit-server'
import { afterEach } from 'vitest'

// Shared by the run-event logs' tests (src/events/*-event-log*.test.ts).
export const env = (n: number) => ({ type: 'message' as const, data: String(n) })
const dirs: string[] = []
/** A temp dir removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-log-'))
  dirs.push(dir)
  return dir
}
export function open(dir = tempDir()) {
  const store = new SqliteStore({ dataDir: dir })
  let now = 1_000_000
  const log = new SqliteRunEventLog(store.db, { retainMs: 60_000, clock: { now: () => now } })
  return { dir, store, log, advance: (ms: number) => void (now += ms) }
}
export function collect() {
  const events: RunEvent[] = []
  let ended = false
  return {
    events,
    get ended() {
      return ended
    },
    listener: { event: (e: RunEvent) => events.push(e), end: () => void (ended = true) },
  }
}
/** Rows in the journal, and closed runs with their archive. */
export const stored = (store: SqliteStore) => ({
  journal: (store.db.prepare('SELECT COUNT(*) AS n FROM run_event_journal').get() as { n: number }).n,
  archived: (store.db.prepare('SELECT COUNT(*) AS n FROM run_event_logs WHERE events IS NOT NULL').get() as { n: number }).n,
})
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
