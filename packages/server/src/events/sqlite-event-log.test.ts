import Database from 'better-sqlite3'
import { InvalidEventIdError, SqliteRunEventLog, SqliteStore } from '@xpert-ai/chatkit-server'
import { describe, expect, it, vi } from 'vitest'
import { formatSseEvent } from '../http/sse.js'
import { tickCommitOf } from '../store/sqlite/tick-commit.js'
import { collect, env, open, stored, tempDir } from '../../test/event-log-fixture.js'

describe('SqliteRunEventLog', () => {
  it('commits a quiet log at once, groups the appends after a full commit into one transaction per commitEveryMs, and refuses a window that is no number of ms', async () => {
    const { store } = open()
    const log = new SqliteRunEventLog(store.db, { commitEveryMs: 200 })
    // What another connection sees: only committed rows.
    const reader = new Database(store.db.name, { readonly: true })
    const committed = () => (reader.prepare('SELECT COUNT(*) AS n FROM run_event_journal').get() as { n: number }).n
    // Nothing committed for a window: this append (a run's first event) waits for no timer, and
    // neither does the next after that small commit (one run's events, one after the other).
    for (const n of [1, 2]) {
      const appended = log.append('w', env(n))
      expect(committed()).toBe(n - 1)
      await new Promise((r) => setImmediate(r))
      expect(committed()).toBe(n)
      await appended
    }
    // A commit of many events (many streams): the next waits for the window, and what comes
    // meanwhile, turns later, joins the same commit.
    const t0 = performance.now()
    await Promise.all([3, 4, 5, 6, 7, 8, 9, 10].map((n) => log.append('w', env(n))))
    expect(committed()).toBe(10)
    const next = log.append('w', env(11))
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    const twelfth = log.append('w', env(12))
    const atNext = await next.then(() => ({ rows: committed(), after: performance.now() - t0 }))
    expect(atNext.rows).toBe(12)
    expect(atNext.after).toBeGreaterThanOrEqual(198)
    await twelfth
    reader.close()
    log.dispose()
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SqliteRunEventLog(store.db, { commitEveryMs: bad })).toThrow(`SqliteRunEventLog: commitEveryMs must be a number of ms ≥ 0, got ${bad}`)
    }
  })

  it('a lost commit fails its appends and closes; memory drops them, and the run goes on from the last committed event', async () => {
    const { store, log } = open()
    await log.append('r', env(1))
    const lost = [log.append('r', env(2)), log.close('r')]
    // Something rolls the transaction back under the log (an I/O error would).
    store.db.exec('ROLLBACK')
    expect((await Promise.allSettled(lost)).map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await log.append('r', env(3))).toBe('2-0')
    const c = collect()
    await log.subscribe('r', undefined, c.listener)
    expect([c.events.map((e) => e.envelope), c.ended]).toEqual([[env(1), env(3)], false])
    await log.close('r')
    expect(c.ended).toBe(true)
    log.dispose()
    await store.close()
  })

  it('an appender chained on done callbacks (the engine) writes nothing inside a commit: right after commitNow no transaction is open, so a checkpoint can run', async () => {
    const { store, log } = open()
    const tick = tickCommitOf(store.db)
    let n = 0
    const next = (error: unknown) => {
      if (error === null && n < 3) log.appendThen('r', env(++n), next)
    }
    next(null)
    expect(store.db.inTransaction).toBe(true)
    tick.commitNow()
    expect(store.db.inTransaction).toBe(false)
    expect(() => store.db.pragma('wal_checkpoint(TRUNCATE)')).not.toThrow()
    await vi.waitFor(() => expect(n).toBe(3))
    log.dispose()
    await store.close()
  })

  it('an envelope JSON cannot carry rejects its own append; the others of the same tick land', async () => {
    const { log } = open()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const results = await Promise.allSettled([log.append('r', env(1)), log.append('r', { type: 'message', data: cyclic } as never), log.append('r', env(2))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const c = collect()
    await log.subscribe('r', undefined, c.listener)
    expect(c.events.map((e) => e.envelope)).toEqual([env(1), env(2)])
  })

  it('delivers only committed events, replays after an id, follows live, ends on close', async () => {
    const { store, log } = open()
    const ids = await Promise.all([log.append('r', env(1)), log.append('r', env(2))])
    expect(ids).toEqual(['1-0', '2-0'])
    const c = collect()
    const pending = log.append('r', env(3))
    await log.subscribe('r', '1-0', c.listener)
    // Event 3 is queued, not committed: the subscriber gets it with the commit, exactly once.
    expect(c.events.map((e) => e.id)).toEqual(['2-0'])
    await pending
    expect(c.events.map((e) => e.id)).toEqual(['2-0', '3-0'])
    await log.close('r')
    expect(c.ended).toBe(true)
    await expect(log.append('r', env(4))).rejects.toThrow(/closed/)
    expect(stored(store)).toEqual({ journal: 3, archived: 1 })
    await expect(log.subscribe('r', 'x', collect().listener)).rejects.toBeInstanceOf(InvalidEventIdError)
    await expect(log.subscribe('r', '9-0', collect().listener)).rejects.toBeInstanceOf(InvalidEventIdError)
    expect(await log.subscribe('unknown', undefined, collect().listener)).toBeNull()
    log.dispose()
    await store.close()
  })

  it("keeps a run's events in the journal while it is open and as one archive once closed: replay, live follow and the end are the same", async () => {
    const { store, log } = open()
    await Promise.all([log.append('a', env(1)), log.append('b', env(1)), log.append('a', env(2))])
    const before = collect()
    await log.subscribe('a', undefined, before.listener)
    expect(before.events.map((e) => e.id)).toEqual(['1-0', '2-0'])
    const after = collect()
    await log.subscribe('a', '1-0', after.listener)
    await log.append('a', env(3))
    expect(after.events.map((e) => e.id)).toEqual(['2-0', '3-0'])
    expect(before.events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0'])
    await log.close('a')
    expect(stored(store)).toEqual({ journal: 4, archived: 1 })
    // The journal drops what comes before the first row of the runs still open ('b', the second row).
    log.trimJournal()
    expect(store.db.prepare('SELECT run_id, seq FROM run_event_journal ORDER BY rowid').all()).toEqual([
      { run_id: 'b', seq: 1 },
      { run_id: 'a', seq: 2 },
      { run_id: 'a', seq: 3 },
    ])
    // Closed: a late subscriber reads the archive, every event and the end.
    const late = collect()
    await log.subscribe('a', undefined, late.listener)
    expect([late.events.map((e) => e.envelope), late.ended]).toEqual([[env(1), env(2), env(3)], true])
    const later = collect()
    await log.subscribe('a', '2-0', later.listener)
    expect([later.events.map((e) => [e.id, e.json]), later.ended]).toEqual([[['3-0', JSON.stringify(env(3))]], true])
    await expect(log.subscribe('a', '4-0', collect().listener)).rejects.toBeInstanceOf(InvalidEventIdError)
    await log.close('b')
    log.trimJournal()
    expect(stored(store)).toEqual({ journal: 0, archived: 2 })
    log.dispose()
    await store.close()
  })

  it('trims the journal on its own every trimJournalEveryMs', async () => {
    const dir = tempDir()
    const store = new SqliteStore({ dataDir: dir })
    const log = new SqliteRunEventLog(store.db, { trimJournalEveryMs: 20 })
    await log.append('r', env(1))
    await log.close('r')
    expect(stored(store)).toEqual({ journal: 1, archived: 1 })
    await vi.waitFor(() => expect(stored(store)).toEqual({ journal: 0, archived: 1 }), { timeout: 2000, interval: 5 })
    log.dispose()
    await store.close()
  })

  it('its timers leave a database closed without dispose() alone (no uncaught error)', async () => {
    vi.useFakeTimers()
    try {
      const store = new SqliteStore({ dataDir: tempDir() })
      const log = new SqliteRunEventLog(store.db, { trimJournalEveryMs: 20, retainMs: 40 })
      await store.close()
      // Both timers fire several times on the closed database.
      expect(vi.getTimerCount()).toBe(2)
      expect(() => vi.advanceTimersByTime(200)).not.toThrow()
      log.dispose()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('trims events of runs that ended longer ago than retainMs', async () => {
    const { store, log, advance } = open()
    await log.append('old', env(1))
    await log.close('old')
    advance(60_001)
    log.trim()
    expect(await log.subscribe('old', undefined, collect().listener)).toBeNull()
    log.dispose()
    await store.close()
  })

  it('hands subscribers the JSON it stored, live and replayed, so SSE does not serialize each event again', async () => {
    const { store, log } = open()
    const text = (t: string) => ({ type: 'message' as const, data: { type: 'text' as const, text: t, id: 'm' } })
    await log.append('j', text('héllo "x"'))
    const c = collect()
    await log.subscribe('j', undefined, c.listener)
    await log.append('j', text('live \u2028'))
    expect(c.events.map((e) => e.id)).toEqual(['1-0', '2-0'])
    for (const e of c.events) {
      expect(e.json).toBe(JSON.stringify(e.envelope))
      expect(formatSseEvent(e)).toBe(`id: ${e.id}\ndata: ${JSON.stringify(e.envelope)}\n\n`)
    }
    log.dispose()
    await store.close()
  })
})
