import type Database from 'better-sqlite3'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { systemClock, type Clock } from '../util/clock.js'
import { tickCommitOf, type TickCommit } from '../store/sqlite/tick-commit.js'
import { endAsInterrupted } from './end-interrupted.js'
import { parseEventSeq } from './event-id.js'
import { archiveOf, eventsOfArchive, statementsOf, type Kept } from './sqlite-log-storage.js'
import { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './run-event-log.js'

export type SqliteRunEventLogOptions = {
  /** How long a closed run's events stay for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** How often the journal drops the rows of runs whose close is committed (ms). Default 1000. */
  trimJournalEveryMs?: number
  /**
   * How many journal rows an open run may keep behind it: a run open that long (a long answer, a
   * stuck agent, a log a dead process left open) has its events written again at the journal's
   * end, so the rows before them can go. Default 2,000,000 (at 20,000 events/s, 100 s: an answer
   * shorter than that is never copied; each copy of a longer one follows at least half that many rows written).
   */
  relocateAfterRows?: number
  /**
   * The database's group-commit window (ms), for the store's writes as for the log's (they share
   * one transaction, `TickCommit`): once the database is busy (the last commit held 8 writes or
   * more), what is written within it shares one commit. 0: one commit per event-loop turn. Each
   * commit rewrites the journal's last pages in the WAL and takes the file locks, so with many
   * streams fewer, fuller commits cost less CPU; delivery waits at most this long. A quiet
   * database commits at the end of the event-loop turn: one run's events wait for no timer. Default 10.
   */
  commitEveryMs?: number
  clock?: Clock
}

/**
 * A run this process writes. `kept`: every event of the run written so far, as its seq and stored
 * JSON (not as envelope objects: thousands of streams holding them made the collector copy them
 * over and over); the first `committed` of them are on disk, and subscribers replay those; the
 * close writes them all as the run's archive. `ended`: its close is committed, and it leaves memory.
 */
type Live = {
  seq: number
  committed: number
  closed: boolean
  ended: boolean
  unopened?: boolean
  kept: Kept
  listeners: Set<RunEventListener>
}
/** An append or close written in the open transaction, settled when it commits. */
type Op = { entry: Live; runId: string; event: RunEvent | null; opened: boolean; done: (error: unknown, id: string) => void }
type LogRow = { closed_at: number | null; events: string | null; first_row: number | null }

/** The group-commit window when the log's options do not set one (ms). */
const DEFAULT_COMMIT_MS = 10

/**
 * Run-event log in the SQLite database, so a client can rejoin a run with `Last-Event-ID` after
 * the server restarted. Appends made in one tick are written in one transaction (group commit)
 * and delivered to subscribers only once committed: what a client saw is always on disk, and
 * thousands of streams cost one write per tick, not one per token.
 *
 * Each event is one row of `run_event_journal`, a table written in arrival order (appending to its
 * last page; no index). A run's events are also kept in memory while it runs here, and that is
 * where subscribers replay them from. Its close writes them all, in the same transaction, as one
 * value (`run_event_logs.events`: late rejoins read that one row); the journal then drops every
 * row older than the first of the runs still open (`first_row`), a delete at its start. So each
 * event is written to one table page once, plus its run's archive once: with 1,000 concurrent
 * answers, rows keyed by run (an index, or a table sorted by run) dirtied a page per event or
 * per run and second. The journal is read only when a process died with runs open: the next one
 * loads each open run's rows (from its `first_row`) to end it as interrupted.
 */
export class SqliteRunEventLog implements RunEventLog {
  private readonly live = new Map<string, Live>()
  /** Appends and closes written in the open transaction. */
  private pending: Op[] = []
  private readonly tick: TickCommit
  private readonly retainMs: number
  private readonly clock: Clock
  private readonly s: ReturnType<typeof statementsOf>
  private readonly trimTimer: NodeJS.Timeout
  private readonly journalTimer: NodeJS.Timeout
  private readonly relocateAfterRows: number

  constructor(
    private readonly db: Database.Database,
    options: SqliteRunEventLogOptions = {},
  ) {
    this.retainMs = options.retainMs ?? 10 * 60_000
    const window = options.commitEveryMs ?? DEFAULT_COMMIT_MS
    if (!Number.isFinite(window) || window < 0) throw new Error(`SqliteRunEventLog: commitEveryMs must be a number of ms ≥ 0, got ${options.commitEveryMs}`)
    this.tick = tickCommitOf(db)
    this.tick.windowMs = window
    this.clock = options.clock ?? systemClock
    this.relocateAfterRows = options.relocateAfterRows ?? 2_000_000
    this.s = statementsOf(db)
    this.trim()
    // A database closed without dispose() (which stops these) is left alone.
    this.trimTimer = setInterval(() => this.db.open && this.trim(), Math.min(60_000, this.retainMs)).unref()
    this.journalTimer = setInterval(() => this.db.open && this.trimJournal(), options.trimJournalEveryMs ?? 1000).unref()
  }

  append(runId: string, envelope: StreamEnvelope): Promise<string> {
    return new Promise((resolve, reject) => this.appendThen(runId, envelope, (error, id) => (error === null ? resolve(id) : reject(error))))
  }

  appendThen(runId: string, envelope: StreamEnvelope, done: (error: unknown, id: string) => void): void {
    const entry = this.entry(runId, true)!
    if (entry.closed) {
      done(new Error(`run ${runId}: event log is closed`), '')
      return
    }
    const seq = entry.seq + 1
    let json: string
    try {
      // Serialized once: the same JSON is stored and written to SSE clients. One it cannot carry fails this append alone.
      json = JSON.stringify(envelope)
      this.tick.writeNow(() => {
        const { lastInsertRowid } = this.s.insert.run(runId, seq, json)
        if (entry.unopened) this.s.open.run(runId, lastInsertRowid)
      })
    } catch (e) {
      done(e, '')
      return
    }
    const opened = entry.unopened === true
    entry.unopened = false
    entry.seq = seq
    entry.kept.seqs.push(seq)
    entry.kept.jsons.push(json)
    this.hold({ entry, runId, event: { id: `${seq}-0`, envelope, json }, opened, done })
  }

  close(runId: string): Promise<void> {
    const entry = this.live.get(runId)
    if (!entry || entry.closed) return Promise.resolve()
    try {
      // The run's events become its archive (one value): its journal rows can go once this commits.
      this.tick.writeNow(() => {
        if (entry.unopened) this.s.open.run(runId, null)
        this.s.close.run(this.clock.now(), archiveOf(entry.kept), runId)
      })
    } catch (e) {
      return Promise.reject(e)
    }
    const opened = entry.unopened === true
    entry.unopened = false
    entry.closed = true
    return new Promise((resolve, reject) => this.hold({ entry, runId, event: null, opened, done: (error) => (error === null ? resolve() : reject(error)) }))
  }

  async subscribe(runId: string, afterId: string | undefined, listener: RunEventListener) {
    const entry = this.entry(runId, false)
    const row = entry ? null : (this.s.log.get(runId) as LogRow | undefined)
    if (!entry && !row) return null
    const kept = entry ? entry.kept : eventsOfArchive(row!.events)
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    const last = entry ? entry.seq : (kept.seqs.at(-1) ?? 0)
    if (start > last) throw new InvalidEventIdError(afterId!)
    // Committed events come from memory (or the closed run's archive); those of the open
    // transaction reach the listener when it commits.
    const committed = entry ? entry.committed : kept.seqs.length
    for (let i = 0; i < committed; i++) {
      if (kept.seqs[i] > start) listener.event({ id: `${kept.seqs[i]}-0`, envelope: JSON.parse(kept.jsons[i]), json: kept.jsons[i] })
    }
    // A live entry exists until its close commits, so a closing run still delivers its tail.
    if (!entry || entry.ended) {
      listener.end()
      return () => {}
    }
    entry.listeners.add(listener)
    return () => void entry.listeners.delete(listener)
  }

  /**
   * Closes the logs a killed process left open, ending them with `on_conversation_end
   * {status:'interrupted'}` + `complete` so a client rejoining after the restart is told.
   */
  async recoverOpen(): Promise<number> {
    const open = this.s.openLogs.all() as { run_id: string }[]
    for (const { run_id } of open) await endAsInterrupted(this, run_id)
    return open.length
  }

  /** Drops the archives of runs that ended more than `retainMs` ago, and the journal rows no open run needs (in the open transaction). */
  trim(): void {
    this.tick.writeNow(() => this.s.trimLogs.run(this.clock.now() - this.retainMs))
    this.trimJournal()
  }

  /**
   * Deletes the journal's rows before the first row of every run still open (closed runs have
   * their archive), in the open transaction. Open runs more than `relocateAfterRows` behind the
   * journal's end are written again at its end first.
   */
  trimJournal(): void {
    const { first, last } = this.s.span.get() as { first: number | null; last: number | null }
    if (first !== null && last !== null && last - first > this.relocateAfterRows) this.relocate(last - Math.floor(this.relocateAfterRows / 2))
    this.tick.writeNow(() => this.s.trimJournal.run())
  }

  /** Writes the events of the runs open since before journal row `before` again at the journal's end, and points their `first_row` there. */
  private relocate(before: number): void {
    // Everything written is committed first: a run's kept events are then exactly its journal rows, in order.
    this.tick.commitNow()
    const runs = this.s.openBefore.all(before) as { run_id: string }[]
    this.tick.writeNow(() => {
      for (const { run_id } of runs) {
        const entry = this.entry(run_id, false)
        if (!entry) continue
        let first: number | bigint | null = null
        for (let i = 0; i < entry.kept.seqs.length; i++) {
          const { lastInsertRowid } = this.s.insert.run(run_id, entry.kept.seqs[i], entry.kept.jsons[i])
          first ??= lastInsertRowid
        }
        this.s.setFirst.run(first, run_id)
      }
    })
  }

  /** Stops the timers and commits what is written (call before closing the database). */
  dispose(): void {
    clearInterval(this.trimTimer)
    clearInterval(this.journalTimer)
    if (this.db.open) this.trimJournal()
    this.tick.commitNow()
  }

  /** The live entry of a run; one whose log is open on disk but not here (a process died) is loaded from the journal. */
  private entry(runId: string, create: boolean): Live | undefined {
    let entry = this.live.get(runId)
    if (entry) return entry
    const row = this.s.log.get(runId) as LogRow | undefined
    if (!row && !create) return undefined
    const listeners = new Set<RunEventListener>()
    if (row && row.closed_at !== null) return create ? { seq: 0, committed: 0, closed: true, ended: true, kept: { seqs: [], jsons: [] }, listeners } : undefined
    const kept: Kept = { seqs: [], jsons: [] }
    if (row) {
      for (const r of this.s.journalOf.iterate(row.first_row ?? 0, runId) as Iterable<{ seq: number; envelope: string }>) {
        kept.seqs.push(r.seq)
        kept.jsons.push(r.envelope)
      }
    }
    entry = { seq: kept.seqs.at(-1) ?? 0, committed: kept.seqs.length, closed: false, ended: false, unopened: !row, kept, listeners }
    this.live.set(runId, entry)
    return entry
  }

  /** Settles `op` when the open transaction commits; the first op of a transaction asks to be told. */
  private hold(op: Op): void {
    if (this.pending.length === 0) this.tick.onCommit(this.committed)
    this.pending.push(op)
  }

  /**
   * The transaction holding `pending` committed: their events go to subscribers (what a client
   * sees is on disk) and closes end them. Lost: they fail, and what they added to memory is dropped.
   */
  private readonly committed = (error: unknown): void => {
    const ops = this.pending
    this.pending = []
    for (const o of ops) {
      const e = o.entry
      if (error !== null) {
        e.kept.seqs.length = e.kept.jsons.length = e.committed
        e.seq = e.kept.seqs.at(-1) ?? 0
        if (!o.event) e.closed = false
        if (o.opened) e.unopened = true
      } else if (o.event) {
        e.committed++
        for (const l of e.listeners) l.event(o.event)
      } else {
        e.ended = true
        for (const l of e.listeners) l.end()
        e.listeners.clear()
        this.live.delete(o.runId)
      }
    }
    // The appenders are told after the commit returns, never inside it: one that appends again at
    // once (the engine's next token) would open a transaction under `commitNow`'s caller (a checkpoint).
    queueMicrotask(() => {
      for (const o of ops) o.done(error, error === null && o.event ? o.event.id : '')
    })
  }
}
