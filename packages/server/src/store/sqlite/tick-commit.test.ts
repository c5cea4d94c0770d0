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
})
