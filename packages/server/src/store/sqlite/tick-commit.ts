import type Database from 'better-sqlite3'

type Waiter = { resolve(): void; reject(e: unknown): void }
/** Told once the open transaction is committed (null) or lost (the error). */
export type CommitListener = (error: unknown) => void

/** A commit of fewer writes than this says the database is quiet: the next one need not wait for the window. */
const SMALL_COMMIT = 8

/**
 * Group commit for every write to one SQLite connection (the store's repositories and the
 * run-event log). The first write opens a transaction (`BEGIN IMMEDIATE`); each write runs in it
 * at once, in order (so this connection reads it back at once), and the transaction commits:
 * - at the end of the event-loop turn when the database is quiet (the last commit held fewer than
 *   8 writes): one run's steps, awaited one by one, wait for no timer;
 * - else when `windowMs` has passed since the last commit began: with many streams at most one
 *   commit per window, however many turns write. Each commit rewrites the WAL's touched pages
 *   and takes the file locks, so fewer, fuller commits cost less CPU; a write waits at most this long.
 * Each write's promise settles only after that commit: a caller never answers a client about a
 * row that is not on disk. A thousand runs starting or ending together thus cost one commit.
 *
 * Another request on this process can read a row written in the open transaction before it is
 * committed (the same connection); writers and the run-event log never report uncommitted data.
 * A write that throws fails alone: a single statement is undone by SQLite, and the repositories'
 * multi-statement writes are `db.transaction` functions, which nest as savepoints. An error that
 * loses the whole transaction (disk full, I/O error) or a failed COMMIT fails every write in it.
 * Code that must see its writes committed before going on (a checkpoint cannot run inside a
 * transaction; closing the database) calls `commitNow()`.
 */
export class TickCommit {
  /** Group-commit window (ms) once the database is busy; 0: one commit per event-loop turn. */
  windowMs = 0
  private waiting: Waiter[] = []
  private listeners: CommitListener[] = []
  private writes = 0
  private timer: { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout } | null = null
  /** The open transaction is ours (begun here), not someone else's. */
  private owned = false
  /** When the last commit began (`performance.now()`) and how many writes it held. */
  private last = { at: Number.NEGATIVE_INFINITY, writes: 0 }

  constructor(private readonly db: Database.Database) {}

  /** Runs `write` in the open transaction; resolves with its result once that is committed. */
  write<T>(write: () => T): Promise<T> {
    let result: T
    try {
      result = this.writeNow(write)
    } catch (e) {
      return Promise.reject(e)
    }
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve: () => resolve(result), reject }))
  }

  /**
   * Runs `write` in the open transaction (opening it) and returns its result, or throws what it
   * threw; nothing is waited for. A caller that must know when it is committed adds an `onCommit` listener.
   */
  writeNow<T>(write: () => T): T {
    try {
      this.open()
      const result = write()
      this.writes++
      return result
    } catch (e) {
      // The write failed alone, unless it took the transaction down with it.
      if (this.owned && !this.db.inTransaction) this.lost(e)
      throw e
    }
  }

  /**
   * Calls `listener` once the open transaction is committed or lost (after `writeNow`, which
   * opened it), inside `commitNow`: it must not write (its caller, a checkpoint say, expects no
   * transaction open when `commitNow` returns); work that writes goes in a microtask.
   */
  onCommit(listener: CommitListener): void {
    if (!this.owned) throw new Error('TickCommit: onCommit without an open transaction')
    this.listeners.push(listener)
  }

  /**
   * Commits the open transaction now, if there is one, and settles its writes. Returns null, or
   * the error that lost them (what was written since it began is then not in the file).
   */
  commitNow(): unknown {
    this.cancelTimer()
    if (!this.owned) return null
    if (!this.db.open) return this.lost(new Error('the database was closed before the write was committed'))
    if (!this.db.inTransaction) return this.lost(rolledBack())
    this.owned = false
    this.last = { at: performance.now(), writes: this.writes }
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
    if (this.timer) return
    const wait = this.last.writes < SMALL_COMMIT ? 0 : this.last.at + this.windowMs - performance.now()
    const commit = () => {
      this.timer = null
      this.commitNow()
    }
    this.timer = wait > 0 ? { kind: 'timeout', handle: setTimeout(commit, wait) } : { kind: 'immediate', handle: setImmediate(commit) }
  }

  private cancelTimer(): void {
    if (this.timer?.kind === 'timeout') clearTimeout(this.timer.handle)
    else if (this.timer) clearImmediate(this.timer.handle)
    this.timer = null
  }

  private lost(error: unknown): unknown {
    this.owned = false
    return this.settle(error)
  }

  private settle(error: unknown): unknown {
    const waiting = this.waiting
    const listeners = this.listeners
    this.waiting = []
    this.listeners = []
    this.writes = 0
    for (const w of waiting) error === null ? w.resolve() : w.reject(error)
    for (const l of listeners) l(error)
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
