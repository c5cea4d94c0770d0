import type Database from 'better-sqlite3'

type Waiter = { resolve(): void; reject(e: unknown): void }

/**
 * Group commit for every write to one SQLite connection (the store's repositories, the run-event
 * log's bookkeeping). The first write of an event-loop turn opens a transaction (`BEGIN
 * IMMEDIATE`); the writes of that turn run in it at once, in order (so this connection reads
 * them back at once), and it commits at the end of the turn (`setImmediate`). Each write's promise
 * settles only after that commit: a caller never answers a client about a row that is not on disk.
 * A thousand runs starting or ending together thus cost one commit, not ten each (a run makes
 * about ten writes; each commit rewrites the WAL's touched pages and takes the file locks).
 *
 * A write that throws fails alone: a single statement is undone by SQLite, and the repositories'
 * multi-statement writes are `db.transaction` functions, which nest as savepoints. An error that
 * loses the whole transaction (disk full, I/O error) or a failed COMMIT fails every write of the
 * turn. Code that must see its writes committed before going on (the run-event log delivers
 * events only once committed; a checkpoint cannot run inside a transaction) calls `commitNow()`.
 */
export class TickCommit {
  private waiting: Waiter[] = []
  private scheduled = false
  /** The open transaction is this turn's (begun here), not someone else's. */
  private owned = false

  constructor(private readonly db: Database.Database) {}

  /** Runs `write` in this turn's transaction; resolves with its result once that is committed. */
  write<T>(write: () => T): Promise<T> {
    let result: T
    try {
      this.open()
      result = write()
    } catch (e) {
      // The write failed alone, unless it took the transaction down with it.
      if (this.owned && !this.db.inTransaction) this.lost(e)
      return Promise.reject(e)
    }
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve: () => resolve(result), reject }))
  }

  /**
   * Commits this turn's transaction now, if one is open, and settles its writes. Returns null, or
   * the error that lost them (what was written since the turn began is then not in the file).
   */
  commitNow(): unknown {
    this.scheduled = false
    if (!this.owned) return null
    if (!this.db.open) return this.lost(new Error('the database was closed before the write was committed'))
    if (!this.db.inTransaction) return this.lost(rolledBack())
    this.owned = false
    try {
      this.db.exec('COMMIT')
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      return this.settle(e)
    }
    return this.settle(null)
  }

  private open(): void {
    // Lost under the writes before (an error that rolls back the whole transaction): they fail, this one starts anew.
    if (this.owned && !this.db.inTransaction) this.lost(rolledBack())
    if (!this.owned) {
      // A write from inside another transaction would be committed (or rolled back) by it, unseen here.
      if (this.db.inTransaction) throw new Error('TickCommit: a store write inside another transaction')
      this.db.exec('BEGIN IMMEDIATE')
      this.owned = true
    }
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.commitNow())
  }

  private lost(error: unknown): unknown {
    this.owned = false
    return this.settle(error)
  }

  private settle(error: unknown): unknown {
    const waiting = this.waiting
    this.waiting = []
    for (const w of waiting) error === null ? w.resolve() : w.reject(error)
    return error
  }
}

const rolledBack = () => new Error('the transaction was rolled back by an earlier error')

const byDb = new WeakMap<Database.Database, TickCommit>()

/** The group commit of a connection: one per database object, shared by everything writing to it. */
export function tickCommitOf(db: Database.Database): TickCommit {
  let t = byDb.get(db)
  if (!t) byDb.set(db, (t = new TickCommit(db)))
  return t
}
