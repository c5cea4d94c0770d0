import type Database from 'better-sqlite3'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { systemClock, type Clock } from '../util/clock.js'
import { tickCommitOf } from '../store/sqlite/tick-commit.js'
import { endAsInterrupted } from './end-interrupted.js'
import { parseEventSeq } from './event-id.js'
import { archiveOf, eventsOfArchive, type Kept } from './sqlite-log-archive.js'
import { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './run-event-log.js'

export type SqliteRunEventLogOptions = {
  /** How long a closed run's events stay for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** How often the journal drops the rows of runs whose close is committed (ms). Default 1000. */
  trimJournalEveryMs?: number
  /**
   * Group-commit window (ms): appends arriving within it share one transaction. 0: one
   * transaction per event-loop turn. Each commit rewrites the journal's last page in the WAL, so
   * with many streams fewer, fuller commits cost less CPU; delivery waits at most this long. A
   * quiet log (nothing committed for a window, or a last commit of fewer than 8 events) commits at
   * the end of the event-loop turn instead: one run's events wait for no timer. Default 4.
   */
  commitEveryMs?: number
  clock?: Clock
}

/**
 * A run this process writes. `kept`: every event of the run, as its seq and stored JSON (not as
 * envelope objects: thousands of streams holding them made the collector copy them over and
 * over); subscribers replay from here, and the close writes them as the run's archive. `ended`:
 * its close is committed, and it leaves memory.
 */
type Live = { seq: number; closed: boolean; ended: boolean; unopened?: boolean; kept: Kept; listeners: Set<RunEventListener> }
type Op = { runId: string; seq: number; event: RunEvent | null; done: (id: string) => void }
type LogRow = { closed_at: number | null; events: string | null; first_row: number | null }

/** A commit of fewer events than this says the log is quiet: the next one need not wait for the window. */
const SMALL_COMMIT = 8

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
  private queue: Op[] = []
  private scheduled = false
  /** When the last commit started (`performance.now()`; the group-commit window counts from it), and how many events it wrote. */
  private lastCommit = { at: Number.NEGATIVE_INFINITY, ops: 0 }
  private readonly retainMs: number
  private readonly commitEveryMs: number
  private readonly clock: Clock
  private readonly s
  private readonly trimTimer: NodeJS.Timeout
  private readonly journalTimer: NodeJS.Timeout

  constructor(
    private readonly db: Database.Database,
    options: SqliteRunEventLogOptions = {},
  ) {
    this.retainMs = options.retainMs ?? 10 * 60_000
    this.commitEveryMs = options.commitEveryMs ?? 4
    if (!Number.isFinite(this.commitEveryMs) || this.commitEveryMs < 0)
      throw new Error(`SqliteRunEventLog: commitEveryMs must be a number of ms ≥ 0, got ${options.commitEveryMs}`)
    this.clock = options.clock ?? systemClock
    this.s = {
      insert: db.prepare('INSERT INTO run_event_journal (run_id, seq, envelope) VALUES (?, ?, ?)'),
      open: db.prepare('INSERT OR IGNORE INTO run_event_logs (run_id, closed_at, first_row) VALUES (?, NULL, ?)'),
      close: db.prepare('UPDATE run_event_logs SET closed_at = ?, events = ? WHERE run_id = ?'),
      log: db.prepare('SELECT closed_at, events, first_row FROM run_event_logs WHERE run_id = ?'),
      journalOf: db.prepare('SELECT seq, envelope FROM run_event_journal WHERE rowid >= ? AND run_id = ? ORDER BY rowid'),
      // Rows before the first row of every run still open belong to closed runs (their archive has them).
      trimJournal: db.prepare(
        'DELETE FROM run_event_journal WHERE rowid < COALESCE((SELECT MIN(first_row) FROM run_event_logs WHERE closed_at IS NULL), 9223372036854775807)',
      ),
      openLogs: db.prepare('SELECT run_id FROM run_event_logs WHERE closed_at IS NULL'),
      trimLogs: db.prepare('DELETE FROM run_event_logs WHERE closed_at < ?'),
    }
    this.trim()
    this.trimTimer = setInterval(() => this.trim(), Math.min(60_000, this.retainMs)).unref()
    this.journalTimer = setInterval(() => this.trimJournal(), options.trimJournalEveryMs ?? 1000).unref()
  }

  append(runId: string, envelope: StreamEnvelope): Promise<string> {
    const entry = this.entry(runId, true)!
    if (entry.closed) return Promise.reject(new Error(`run ${runId}: event log is closed`))
    // Serialized here, not in the shared flush: an envelope JSON cannot carry rejects its own
    // append instead of throwing out of the timer (a crash that would drop every queued event).
    let json: string
    try {
      json = JSON.stringify(envelope)
    } catch (e) {
      return Promise.reject(e)
    }
    const seq = ++entry.seq
    const event = { id: `${seq}-0`, envelope, json }
    return new Promise((done) => this.enqueue({ runId, seq, event, done }))
  }

  close(runId: string): Promise<void> {
    const entry = this.live.get(runId)
    if (!entry || entry.closed) return Promise.resolve()
    entry.closed = true
    return new Promise((done) => this.enqueue({ runId, seq: 0, event: null, done: () => done() }))
  }

  async subscribe(runId: string, afterId: string | undefined, listener: RunEventListener) {
    const entry = this.entry(runId, false)
    const row = entry ? null : (this.s.log.get(runId) as LogRow | undefined)
    if (!entry && !row) return null
    const kept = entry ? entry.kept : eventsOfArchive(row!.events)
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    const last = entry ? entry.seq : (kept.seqs.at(-1) ?? 0)
    if (start > last) throw new InvalidEventIdError(afterId!)
    // Committed events come from memory (or the closed run's archive); queued ones reach the
    // listener when their commit lands.
    for (let i = 0; i < kept.seqs.length; i++) {
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

  /** Drops the archives of runs that ended more than `retainMs` ago, and the journal rows no open run needs. */
  trim(): void {
    this.s.trimLogs.run(this.clock.now() - this.retainMs)
    this.trimJournal()
  }

  /** Deletes the journal's rows before the first row of every run still open (closed runs have their archive). */
  trimJournal(): void {
    this.s.trimJournal.run()
    this.commit()
  }

  /** Stops the timers and writes what is queued (call before closing the database). */
  dispose(): void {
    clearInterval(this.trimTimer)
    clearInterval(this.journalTimer)
    this.flush()
    this.trimJournal()
  }

  /** Commits the store's group commit if it is open (these writes joined it); what a client sees must be on disk. */
  private commit(): void {
    const error = tickCommitOf(this.db).commitNow()
    if (error) throw error
  }

  /** The live entry of a run; one whose log is open on disk but not here (a process died) is loaded from the journal. */
  private entry(runId: string, create: boolean): Live | undefined {
    let entry = this.live.get(runId)
    if (entry) return entry
    const row = this.s.log.get(runId) as LogRow | undefined
    if (!row && !create) return undefined
    const listeners = new Set<RunEventListener>()
    if (row && row.closed_at !== null) return create ? { seq: 0, closed: true, ended: true, kept: { seqs: [], jsons: [] }, listeners } : undefined
    const kept: Kept = { seqs: [], jsons: [] }
    if (row) {
      for (const r of this.s.journalOf.iterate(row.first_row ?? 0, runId) as Iterable<{ seq: number; envelope: string }>) {
        kept.seqs.push(r.seq)
        kept.jsons.push(r.envelope)
      }
    }
    entry = { seq: kept.seqs.at(-1) ?? 0, closed: false, ended: false, unopened: !row, kept, listeners }
    this.live.set(runId, entry)
    return entry
  }

  /**
   * Commits at the end of this event-loop turn when the log is quiet: nothing committed for a
   * window, or the last commit was small (one run's next event: a run's `on_conversation_start`
   * and first words, an agent's steps one after the other, wait for no timer). Else when the
   * window since the last commit ends: with many streams, at most one commit per window.
   */
  private enqueue(op: Op): void {
    this.queue.push(op)
    if (this.scheduled) return
    this.scheduled = true
    const wait = this.lastCommit.ops < SMALL_COMMIT ? 0 : this.lastCommit.at + this.commitEveryMs - performance.now()
    if (wait > 0) setTimeout(() => this.flush(), wait)
    else setImmediate(() => this.flush())
  }

  private flush(): void {
    this.scheduled = false
    const ops = this.queue
    this.lastCommit = { at: performance.now(), ops: ops.length }
    this.queue = []
    // The database was closed without dispose() (which writes what is queued) inside the window.
    if (ops.length === 0 || !this.db.open) return
    const now = this.clock.now()
    this.db.transaction(() => {
      for (const o of ops) {
        const entry = this.live.get(o.runId)!
        if (!o.event) {
          if (entry.unopened) this.s.open.run(o.runId, null)
          // The run's events, kept here, become its archive (one value): its journal rows can go.
          this.s.close.run(now, archiveOf(entry.kept), o.runId)
          continue
        }
        // Serialized once (in append): the same JSON is stored and written to SSE clients.
        const { lastInsertRowid } = this.s.insert.run(o.runId, o.seq, o.event.json!)
        if (entry.unopened) {
          this.s.open.run(o.runId, lastInsertRowid)
          entry.unopened = false
        }
        entry.kept.seqs.push(o.seq)
        entry.kept.jsons.push(o.event.json!)
      }
    })()
    // Inside the store's open group commit, the rows above are only a savepoint: commit it all now.
    this.commit()
    for (const o of ops) {
      const entry = this.live.get(o.runId)!
      if (o.event) {
        for (const l of entry.listeners) l.event(o.event)
        o.done(o.event.id)
      } else {
        entry.ended = true
        for (const l of entry.listeners) l.end()
        entry.listeners.clear()
        this.live.delete(o.runId)
        o.done('')
      }
    }
  }
}
