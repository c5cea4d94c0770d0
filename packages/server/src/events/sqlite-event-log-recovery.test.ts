import { SqliteRunEventLog } from '@xpert-ai/chatkit-server'
import { describe, expect, it } from 'vitest'
import { collect, env, open, stored } from '../../test/event-log-fixture.js'

describe('SqliteRunEventLog after a process died', () => {
  it('survives a restart: replay works, open logs are ended as interrupted, ids continue', async () => {
    const first = open()
    await first.log.append('done', env(1))
    await first.log.close('done')
    await first.log.append('open', env(1))
    await first.log.append('open', env(2))
    first.log.dispose()
    await first.store.close()

    const second = open(first.dir)
    expect(await second.log.recoverOpen()).toBe(1)
    const c = collect()
    await second.log.subscribe('open', '1-0', c.listener)
    expect(c.events.map((e) => [e.id, e.envelope.type])).toEqual([
      ['2-0', 'message'],
      ['3-0', 'event'],
      ['4-0', 'complete'],
    ])
    expect(c.events[1].envelope).toMatchObject({ event: 'on_conversation_end', data: { status: 'interrupted' } })
    expect(c.ended).toBe(true)
    const d = collect()
    await second.log.subscribe('done', undefined, d.listener)
    expect(d.events).toHaveLength(1)
    expect(d.ended).toBe(true)
    second.log.dispose()
    await second.store.close()
  })

  it('a process killed with runs open: the next one reads them from the journal, ends them as interrupted, ids continue', async () => {
    const first = open()
    await first.log.append('r', env(1))
    await first.log.append('done', env(1))
    await first.log.append('r', env(2))
    await first.log.close('done')
    // No dispose (a kill): the open run's rows stay in the journal.
    expect(stored(first.store)).toEqual({ journal: 3, archived: 1 })
    await first.store.close()
    const second = open(first.dir)
    // Starting trims what no open run needs: the closed run's row after 'r' stays (the journal is cut at r's first row).
    expect(stored(second.store)).toEqual({ journal: 3, archived: 1 })
    const replay = collect()
    await second.log.subscribe('r', '1-0', replay.listener)
    expect([replay.events.map((e) => e.envelope), replay.ended]).toEqual([[env(2)], false])
    await second.log.recoverOpen()
    const c = collect()
    await second.log.subscribe('r', undefined, c.listener)
    expect(c.events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0', '4-0'])
    expect([c.ended, replay.ended]).toEqual([true, true])
    second.log.trimJournal()
    expect(stored(second.store)).toEqual({ journal: 0, archived: 2 })
    second.log.dispose()
    await second.store.close()
  })

  it('a database of schema 6 (events in run_events, some still in the journal) keeps every event: archives for closed runs, the journal for open ones', async () => {
    const { dir, store } = open()
    store.db.exec(`ALTER TABLE run_event_logs DROP COLUMN first_row; ALTER TABLE run_event_logs DROP COLUMN events;
      CREATE TABLE run_events (run_id TEXT NOT NULL, seq INTEGER NOT NULL, envelope TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
      DELETE FROM schema_migrations WHERE version >= 7;
      INSERT INTO run_event_logs (run_id, closed_at) VALUES ('done', 999999), ('open', NULL);
      INSERT INTO run_events VALUES ('done', 2, '{"type":"message","data":"2"}'), ('done', 1, '{"type":"message","data":"1"}'), ('open', 1, '{"type":"message","data":"1"}');
      INSERT INTO run_event_journal (run_id, seq, envelope) VALUES ('open', 2, '{"type":"message","data":"2"}');`)
    await store.close()
    const again = open(dir)
    const done = collect()
    await again.log.subscribe('done', '1-0', done.listener)
    expect([done.events.map((e) => [e.id, e.envelope]), done.ended]).toEqual([[['2-0', env(2)]], true])
    expect(await again.log.recoverOpen()).toBe(1)
    const left = collect()
    await again.log.subscribe('open', undefined, left.listener)
    expect(left.events.map((e) => e.envelope.type)).toEqual(['message', 'message', 'event', 'complete'])
    expect(left.events.slice(0, 2).map((e) => e.envelope)).toEqual([env(1), env(2)])
    again.log.dispose()
    await again.store.close()
  })

  it('a run open for long (or a log a dead process left open) is written again at the journal end, so the rows before it can go', async () => {
    const first = open()
    // A log a dead process left open: its rows are in the journal, nobody here writes it.
    await first.log.append('left', env(1))
    await first.store.close()
    const { dir, store } = open(first.dir)
    const log = new SqliteRunEventLog(store.db, { relocateAfterRows: 10, clock: { now: () => 1_000_000 } })
    await log.append('long', env(1))
    await log.append('long', env(2))
    for (let i = 0; i < 12; i++) {
      await log.append(`short${i}`, env(1))
      await log.close(`short${i}`)
    }
    const watcher = collect()
    await log.subscribe('long', undefined, watcher.listener)
    const rows = () => store.db.prepare('SELECT run_id, seq FROM run_event_journal ORDER BY rowid').all()
    log.trimJournal()
    // Both open runs' events, in order, after every closed run's: all else is gone.
    expect(rows()).toEqual([
      { run_id: 'left', seq: 1 },
      { run_id: 'long', seq: 1 },
      { run_id: 'long', seq: 2 },
    ])
    await log.append('long', env(3))
    expect(watcher.events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0'])
    // A crash now: the next process finds both runs whole from their new first rows.
    log.dispose()
    await store.close()
    const next = open(dir)
    expect(await next.log.recoverOpen()).toBe(2)
    for (const [run, events] of [
      ['long', ['1-0', '2-0', '3-0', '4-0', '5-0']],
      ['left', ['1-0', '2-0', '3-0']],
    ] as const) {
      const c = collect()
      await next.log.subscribe(run, undefined, c.listener)
      expect(c.events.map((e) => e.id)).toEqual(events)
    }
    next.log.dispose()
    await next.store.close()
  })
})
