import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { TickCommit } from './tick-commit.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A WAL database, and a second connection that sees only what is committed. */
function open() {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-tick-'))
  dirs.push(dir)
  const db = new Database(join(dir, 'x.db'))
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)')
  const other = new Database(join(dir, 'x.db'), { readonly: true })
  const committed = () => (other.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k)
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)')
  return { db, tick: new TickCommit(db), committed, insert }
}

describe('TickCommit (group commit of a turn’s writes)', () => {
  it('runs each write at once, commits them together at the end of the turn, and settles each after the commit', async () => {
    const { db, tick, committed, insert } = open()
    let settled = 0
    const writes = ['a', 'b', 'c'].map((k) => tick.write(() => insert.run(k, 1).changes).then((n) => (settled += n)))
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 })
    expect(committed()).toEqual([])
    await Promise.resolve()
    expect(settled).toBe(0)
    await Promise.all(writes)
    expect(settled).toBe(3)
    expect(committed()).toEqual(['a', 'b', 'c'])
  })

  it('fails a write that throws alone; the others of the turn are committed', async () => {
    const { tick, committed, insert } = open()
    const a = tick.write(() => insert.run('a', 1))
    const dup = tick.write(() => insert.run('a', 2))
    const b = tick.write(() => insert.run('b', 1))
    await expect(dup).rejects.toThrow(/UNIQUE/)
    await Promise.all([a, b])
    expect(committed()).toEqual(['a', 'b'])
  })

  it('commitNow() commits the open turn at once (before a reader outside must see it)', async () => {
    const { tick, committed, insert } = open()
    const a = tick.write(() => insert.run('a', 1))
    expect(tick.commitNow()).toBeNull()
    expect(committed()).toEqual(['a'])
    await a
    expect(tick.commitNow()).toBeNull()
  })

  it('fails every write of the turn when the commit is lost', async () => {
    const { db, tick, committed, insert } = open()
    const a = tick.write(() => insert.run('a', 1))
    db.exec('ROLLBACK')
    const b = tick.write(() => insert.run('b', 1))
    await expect(a).rejects.toThrow(/rolled back/)
    await b
    expect(committed()).toEqual(['b'])
  })

  it('refuses a write from inside another transaction, which would commit it unseen', async () => {
    const { db, tick, insert } = open()
    let write: Promise<unknown> | null = null
    db.transaction(() => {
      write = tick.write(() => insert.run('a', 1))
    })()
    await expect(write).rejects.toThrow(/inside another transaction/)
  })

  it('once busy (a commit of 8 writes or more), commits at most once per windowMs, whatever the turns; quiet again, at the end of the turn', async () => {
    const { tick, committed, insert } = open()
    tick.windowMs = 100
    const t0 = performance.now()
    await Promise.all(Array.from({ length: 8 }, (_, i) => tick.write(() => insert.run(`a${i}`, 1))))
    expect(committed()).toHaveLength(8)
    const b = tick.write(() => insert.run('b', 1))
    // A write several turns later joins the same commit, which lands a window after the busy one.
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    const c = tick.write(() => insert.run('c', 1))
    const atB = await b.then(() => ({ rows: committed(), after: performance.now() - t0 }))
    expect(atB.rows).toEqual(expect.arrayContaining(['b', 'c']))
    expect(atB.after).toBeGreaterThanOrEqual(98)
    await c
    // That commit held 2 writes: quiet, so the next commits at the end of its turn.
    const d = tick.write(() => insert.run('d', 1))
    await new Promise((r) => setImmediate(r))
    expect(committed()).toContain('d')
    await d
  })

  it('writeNow runs a write with no promise; onCommit tells once the transaction commits, or why it was lost', async () => {
    const { db, tick, committed, insert } = open()
    expect(tick.writeNow(() => insert.run('a', 1).changes)).toBe(1)
    expect(() => tick.writeNow(() => insert.run('a', 2))).toThrow(/UNIQUE/)
    const told: unknown[] = []
    tick.onCommit((e) => told.push(e))
    expect(told).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect([told, committed()]).toEqual([[null], ['a']])
    tick.writeNow(() => insert.run('b', 1))
    tick.onCommit((e) => told.push(e))
    db.exec('ROLLBACK')
    expect(tick.commitNow()).toBeInstanceOf(Error)
    expect(String(told[1])).toMatch(/rolled back/)
    expect(() => tick.onCommit(() => {})).toThrow(/without an open transaction/)
  })
})
