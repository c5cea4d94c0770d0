import type Database from 'better-sqlite3'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { systemClock, type Clock } from '../util/clock.js'
import { tickCommitOf } from '../store/sqlite/tick-commit.js'
import { endAsInterrupted } from './end-interrupted.js'
import { parseEventSeq } from './event-id.js'
import { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './run-event-log.js'

export type SqliteRunEventLogOptions = {
  /** How long a closed run's events stay for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** How often the journal's events move into `run_events`, each run's together (ms). Default 1000. */
  moveEveryMs?: number
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
 * A run this process writes. `recent`: its events committed to the journal and not yet moved,
 * kept as their seqs and stored JSON only (a late subscriber parses them; thousands of streams
 * holding a second of envelope objects each made the collector copy them over and over).
 * (subscribers replay them from here). `ended`: its close is committed; it stays until the next
 * move so that a late subscriber still finds the tail.
 */
type Recent = { seqs: number[]; jsons: string[] }
/** `unopened`: its `run_event_logs` row goes in with its first commit (not a commit of its own). */
type Live = { seq: number; closed: boolean; ended: boolean; unopened?: boolean; recent: Recent; listeners: Set<RunEventListener> }
const noRecent = (): Recent => ({ seqs: [], jsons: [] })
type Op = { runId: string; seq: number; event: RunEvent | null; done: (id: string) => void }
type Row = { seq: number; envelope: string }

/** A commit of fewer events than this says the log is quiet: the next one need not wait for the window. */
const SMALL_COMMIT = 8

/**
 * Run-event log in the SQLite database (`run_events`), so a client can rejoin a run with
 * `Last-Event-ID` after the server restarted. Appends made in one tick are written in one
 * transaction (group commit) and delivered to subscribers only once committed: what a client
 * saw is always on disk, and thousands of streams cost one write per tick, not one per token.
 * The tick's rows go to `run_event_journal`, a table written in arrival order (appending to its
 * last page), and move into `run_events` (keyed by run, then seq) every `moveEveryMs`, sorted,
 * so that each run's page is written once per move instead of once per event: with many
 * concurrent runs a row per event straight into `run_events` dirtied one page per event.
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
  private readonly moveTimer: NodeJS.Timeout

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
      lastJournal: db.prepare('SELECT MAX(rowid) AS r FROM run_event_journal'),
      move: db.prepare(
        'INSERT INTO run_events (run_id, seq, envelope) SELECT run_id, seq, envelope FROM run_event_journal WHERE rowid <= ? ORDER BY run_id, seq',
      ),
      moved: db.prepare('DELETE FROM run_event_journal WHERE rowid <= ?'),
      open: db.prepare('INSERT OR IGNORE INTO run_event_logs (run_id, closed_at) VALUES (?, NULL)'),
      close: db.prepare('UPDATE run_event_logs SET closed_at = ? WHERE run_id = ?'),
      log: db.prepare('SELECT closed_at FROM run_event_logs WHERE run_id = ?'),
      maxSeq: db.prepare('SELECT MAX(seq) AS s FROM run_events WHERE run_id = ?'),
      after: db.prepare('SELECT seq, envelope FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq'),
      openLogs: db.prepare('SELECT run_id FROM run_event_logs WHERE closed_at IS NULL'),
      trimEvents: db.prepare('DELETE FROM run_events WHERE run_id IN (SELECT run_id FROM run_event_logs WHERE closed_at < ?)'),
      trimLogs: db.prepare('DELETE FROM run_event_logs WHERE closed_at < ?'),
    }
    // What a stopped process left in the journal moves first (trim does): reads start at run_events.
    this.trim()
    this.trimTimer = setInterval(() => this.trim(), Math.min(60_000, this.retainMs)).unref()
    this.moveTimer = setInterval(() => this.move(), options.moveEveryMs ?? 1000).unref()
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
    const closed = entry ? null : (this.s.log.get(runId) as { closed_at: number | null } | undefined)
    if (!entry && !closed) return null
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    const last = entry ? entry.seq : ((this.s.maxSeq.get(runId) as { s: number | null }).s ?? 0)
    if (start > last) throw new InvalidEventIdError(afterId!)
    // Committed events come from disk, then (not moved yet) from memory; queued ones reach the
    // listener when their commit lands.
    for (const r of this.s.after.all(runId, start) as Row[]) {
      listener.event({ id: `${r.seq}-0`, envelope: JSON.parse(r.envelope), json: r.envelope })
    }
    const recent = entry?.recent
    for (let i = 0; recent && i < recent.seqs.length; i++) {
      if (recent.seqs[i] > start) listener.event({ id: `${recent.seqs[i]}-0`, envelope: JSON.parse(recent.jsons[i]), json: recent.jsons[i] })
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

  /** Drops events of runs that ended more than `retainMs` ago. */
  trim(): void {
    const before = this.clock.now() - this.retainMs
    // Ended runs leave memory with their move, so what is trimmed is on disk only.
    this.move()
    this.db.transaction(() => {
      this.s.trimEvents.run(before)
      this.s.trimLogs.run(before)
    })()
    this.commit()
  }

  /** Moves the journal's events into `run_events`, each run's in order, in one transaction. */
  move(): void {
    const last = (this.s.lastJournal.get() as { r: number | null }).r
    if (last !== null) {
      this.db.transaction(() => {
        this.s.move.run(last)
        this.s.moved.run(last)
      })()
      this.commit()
    }
    // Every committed event was in the journal: nothing is recent any more.
    for (const [runId, entry] of this.live) {
      if (entry.ended) this.live.delete(runId)
      else entry.recent = noRecent()
    }
  }

  /** Stops the timers and writes what is queued (call before closing the database). */
  dispose(): void {
    clearInterval(this.trimTimer)
    clearInterval(this.moveTimer)
    this.flush()
    this.move()
  }

  /** Commits the store's group commit if it is open (these writes joined it); what a client sees must be on disk. */
  private commit(): void {
    const error = tickCommitOf(this.db).commitNow()
    if (error) throw error
  }

  private entry(runId: string, create: boolean): Live | undefined {
    let entry = this.live.get(runId)
    if (entry) return entry
    const row = this.s.log.get(runId) as { closed_at: number | null } | undefined
    if (!row && !create) return undefined
    if (row && row.closed_at !== null) return create ? { seq: 0, closed: true, ended: true, recent: noRecent(), listeners: new Set() } : undefined
    entry = {
      seq: (this.s.maxSeq.get(runId) as { s: number | null }).s ?? 0,
      closed: false,
      ended: false,
      unopened: !row,
      recent: noRecent(),
      listeners: new Set(),
    }
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
        const entry = this.live.get(o.runId)
        if (entry?.unopened) {
          this.s.open.run(o.runId)
          entry.unopened = false
        }
        if (!o.event) this.s.close.run(now, o.runId)
        else {
          // Serialized once (in append): the same JSON is stored and written to SSE clients.
          this.s.insert.run(o.runId, o.seq, o.event.json!)
        }
      }
    })()
    // Inside the store's open group commit, the rows above are only a savepoint: commit it all now.
    this.commit()
    for (const o of ops) {
      const entry = this.live.get(o.runId)
      if (o.event) {
        if (entry) {
          entry.recent.seqs.push(o.seq)
          entry.recent.jsons.push(o.event.json!)
          for (const l of entry.listeners) l.event(o.event)
        }
        o.done(o.event.id)
      } else {
        if (entry) {
          entry.ended = true
          for (const l of entry.listeners) l.end()
          entry.listeners.clear()
        }
        o.done('')
      }
    }
  }
}
