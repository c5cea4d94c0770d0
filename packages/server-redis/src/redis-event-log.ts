import type { Redis } from 'ioredis'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { endAsInterrupted, InvalidEventIdError, parseEventSeq, type RunEvent, type RunEventListener, type RunEventLog } from '@xpert-ai/chatkit-server'
import { EventBufferFullError, EventsLostError, restoreStreams, type Kept } from './kept-events.js'
import { seqOf, SharedStreamReader, type Entry } from './shared-reader.js'
import { isRedisDown, unavailable } from './unavailable.js'

export type RedisRunEventLogOptions = {
  /** Key prefix of the run streams (`<prefix>run:<runId>`). Default `chatkit:`. */
  prefix?: string
  /** How long a closed run's events stay for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** Safety expiry of a run that never closes (its replica died and nobody closed it). Default 24 h. */
  openTtlMs?: number
  /**
   * Memory for the events of this replica's open runs (bytes of JSON), kept so that a Redis that
   * restarted and lost them gets them back, and so that appends go on while Redis is unreachable.
   * While Redis is down, an append past it fails its run; while Redis is up, a run that does not
   * fit stops being kept (it fails only if Redis then loses its events). Default 64 MiB.
   */
  maxBufferedBytes?: number
}

type Appender = { seq: number; closed: boolean; ready: Promise<void> | null; kept: Kept; lost: boolean }
type Op = { runId: string; seq: number; json: string | null; event: RunEvent | null; done: (e?: unknown) => void; epoch: number }
type Sub = { listener: RunEventListener; last: number; buffer: (RunEvent | null)[] | null }
type Watch = { subs: Set<Sub>; remote: boolean }

/**
 * The run-event log on Redis Streams, shared by every replica. A run's events are one stream,
 * `<prefix>run:<runId>`, with ids `<seq>-0` chosen by the replica running it: the same shape as
 * the SQLite log's, valid as `Last-Event-ID` on any replica. Appends made in one tick go out as
 * one pipeline (one round trip for a burst of tokens) and reach local subscribers once Redis has
 * them; subscribers of runs executing elsewhere are fed by the process's one `SharedStreamReader`.
 * Closing writes an end entry (`end`) and sets the stream to expire `retainMs` later, after which
 * `subscribe` resolves to `null` (the route's 410 `run_events_expired`).
 */
export class RedisRunEventLog implements RunEventLog {
  private readonly appenders = new Map<string, Appender>()
  private readonly watches = new Map<string, Watch>()
  private queue: Op[] = []
  /** Where this replica records the runs it writes (`ReplicaPresence.runsKey`), if anywhere. */
  private runsKey: string | null = null
  private readonly tracked = new Set<string>()
  private scheduled = false
  private readonly prefix: string
  private readonly retainMs: number
  private readonly openTtlMs: number
  private readonly reader: SharedStreamReader
  private readonly maxBufferedBytes: number
  /** Bytes of every appender's `kept` events. */
  private keptBytes = 0
  /** Redis is unreachable (or back and not restored yet): appends wait in `stalled`, in order. */
  private down = false
  private stalled: Op[] = []
  /** Counts disconnects: a pipeline sent in an earlier epoch may have been cut or resent. */
  private epoch = 0
  private restoring: Promise<void> | null = null
  private restoreAgain = false

  /** `redis` carries the appends and reads; `blocking` is the shared reader's own connection. */
  constructor(private readonly redis: Redis, blocking: Redis, options: RedisRunEventLogOptions = {}) {
    this.prefix = options.prefix ?? 'chatkit:'
    this.retainMs = options.retainMs ?? 10 * 60_000
    this.openTtlMs = options.openTtlMs ?? 24 * 3_600_000
    this.maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1048576
    this.reader = new SharedStreamReader(blocking, redis, (r) => this.key(r), (r, entries) => this.deliverEntries(r, entries))
    redis.on('close', () => {
      this.down = true
      this.epoch++
    })
    redis.on('ready', () => {
      if (this.down) this.restore()
    })
  }

  append(runId: string, envelope: StreamEnvelope): Promise<string> {
    let json: string
    try {
      json = JSON.stringify(envelope)
    } catch (e) {
      return Promise.reject(e)
    }
    return this.write(runId, json, envelope).then((seq) => `${seq}-0`, (e) => Promise.reject(unavailable(e)))
  }

  async close(runId: string): Promise<void> {
    const a = this.appenders.get(runId)
    if (a?.closed) return
    await this.write(runId, null, null).catch((e) => {
      if (!(e instanceof ClosedError)) throw unavailable(e)
    })
  }

  async subscribe(runId: string, afterId: string | undefined, listener: RunEventListener) {
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    const appender = this.appenders.get(runId)
    let watch = this.watches.get(runId)
    if (!watch) this.watches.set(runId, (watch = { subs: new Set(), remote: !appender || appender.closed }))
    // Attached first: live events arriving during the replay wait in the buffer, none is missed.
    const sub: Sub = { listener, last: start, buffer: [] }
    watch.subs.add(sub)
    const drop = () => this.unsubscribe(runId, sub)
    let entries: Entry[]
    let lastSeq: number
    try {
      const [[e1, range], [e2, tail]] = (await this.redis.multi().xrange(this.key(runId), `(${start}-0`, '+').xrevrange(this.key(runId), '+', '-', 'COUNT', 1).exec())! as [Error | null, Entry[]][]
      if (e1 || e2) throw e1 ?? e2
      entries = range
      // The end mark's id is no event id: the last valid one is below it.
      const ended = tail.length > 0 && tail[0][1][0] === 'end'
      lastSeq = Math.max(tail.length ? seqOf(tail[0][0]) - (ended ? 1 : 0) : 0, appender?.seq ?? 0)
      if (!tail.length && !appender) {
        drop()
        return null
      }
    } catch (e) {
      drop()
      throw unavailable(e)
    }
    if (start > lastSeq) {
      drop()
      throw new InvalidEventIdError(afterId!)
    }
    for (const [id, fields] of entries) {
      if (!this.toSub(runId, sub, id, fields)) return () => {}
    }
    const buffered = sub.buffer!
    sub.buffer = null
    for (const e of buffered) {
      if (e === null) {
        this.endSub(runId, sub)
        return () => {}
      }
      this.push(sub, e)
    }
    if (watch.remote) this.reader.add(runId, sub.last)
    return drop
  }

  /**
   * Records each run this process appends to in the Redis set `key` (added with the run's first
   * append, removed with its close), so a survivor can end them if this process dies.
   */
  trackRunsIn(key: string): void {
    this.runsKey = key
  }

  /**
   * Ends every run log left open (its replica died): interrupted + complete + close, as the SQLite
   * log does after a restart. Only safe when no other replica is alive (see `ReplicaPresence`).
   */
  async recoverOpen(): Promise<number> {
    let n = 0
    let cursor = '0'
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}run:*`, 'COUNT', 500)
      cursor = next
      for (const key of keys) {
        const tail = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Entry[]
        if (!tail.length || tail[0][1][0] === 'end') continue
        await endAsInterrupted(this, key.slice(this.prefix.length + 4))
        n++
      }
    } while (cursor !== '0')
    return n
  }

  /** Another replica may continue the run: forget its appender (and stop listing it as this replica's). */
  release(runId: string): void {
    const a = this.appenders.get(runId)
    if (!a || a.ready) return
    this.drop(runId)
    if (this.runsKey && this.tracked.delete(runId)) this.redis.srem(this.runsKey, runId).catch(() => {})
  }

  /** Deletes the runs' streams (their conversation is being deleted). */
  async forget(runIds: readonly string[]): Promise<void> {
    if (runIds.length) await this.redis.del(...runIds.map((id) => this.key(id)))
  }

  /** Stops the shared reader and writes what is queued (before closing the connections). */
  async dispose(): Promise<void> {
    this.flush()
    await this.reader.stop()
  }

  private key(runId: string): string {
    return `${this.prefix}run:${runId}`
  }

  /** Queues one entry (an event's JSON, or the end mark for null) and resolves to its seq once Redis has it. */
  private async write(runId: string, json: string | null, envelope: StreamEnvelope | null): Promise<number> {
    let a = this.appenders.get(runId)
    if (!a) {
      this.appenders.set(runId, (a = { seq: 0, closed: false, ready: null, kept: null, lost: false }))
      a.ready = this.resume(runId, a)
    }
    if (a.ready) await a.ready
    if (a.lost) throw new EventsLostError(runId)
    if (a.closed) throw new ClosedError(runId)
    const size = json?.length ?? 0
    if (this.down && this.keptBytes + size > this.maxBufferedBytes) throw new EventBufferFullError(runId, this.maxBufferedBytes)
    if (json === null) a.closed = true
    const seq = ++a.seq
    const event = envelope ? { id: `${seq}-0`, envelope, json: json! } : null
    this.keep(a, event)
    if (this.down) {
      // Written (with this id) and delivered once Redis is back: the run goes on meanwhile.
      this.stalled.push({ runId, seq, json, event, done: () => {}, epoch: this.epoch })
      return seq
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ runId, seq, json, event, done: (e) => (e === undefined ? resolve(seq) : reject(e)), epoch: this.epoch })
      if (this.scheduled) return
      this.scheduled = true
      setImmediate(() => this.flush())
    })
  }

  /** Keeps the event for a restore; a run past the budget is no longer kept (nor counted). */
  private keep(a: Appender, event: RunEvent | null): void {
    const size = event?.json?.length ?? 0
    if (!a.kept) return
    if (!this.down && this.keptBytes + size > this.maxBufferedBytes) {
      this.keptBytes -= a.kept.bytes
      a.kept = null
      return
    }
    a.kept.entries.push(event)
    a.kept.bytes += size
    this.keptBytes += size
  }

  /** Forgets the run's appender and what was kept of it. */
  private drop(runId: string): void {
    const a = this.appenders.get(runId)
    if (a?.kept) this.keptBytes -= a.kept.bytes
    this.appenders.delete(runId)
  }

  /** A run this process has not appended to yet may exist already (another replica wrote it): continue its ids. */
  private async resume(runId: string, a: Appender): Promise<void> {
    try {
      const tail = (await this.redis.xrevrange(this.key(runId), '+', '-', 'COUNT', 1)) as Entry[]
      if (tail.length) {
        a.seq = Math.max(a.seq, seqOf(tail[0][0]))
        if (tail[0][1][0] === 'end') a.closed = true
      }
      a.kept = { from: a.seq + 1, entries: [], bytes: 0 }
      a.ready = null
    } catch (e) {
      this.appenders.delete(runId)
      throw e
    }
  }

  private flush(): void {
    this.scheduled = false
    const ops = this.queue
    this.queue = []
    if (!ops.length) return
    if (this.down) return this.stall(ops)
    const p = this.redis.pipeline()
    const touched = new Set<string>()
    for (const o of ops) {
      const key = this.key(o.runId)
      if (o.json === null) p.xadd(key, `${o.seq}-0`, 'end', '1').pexpire(key, this.retainMs)
      else {
        p.xadd(key, `${o.seq}-0`, 'd', o.json)
        touched.add(key)
      }
    }
    for (const key of touched) p.pexpire(key, this.openTtlMs, 'NX')
    if (this.runsKey) this.track(p, ops)
    p.exec().then(
      (results) => {
        let i = 0
        for (const o of ops) {
          let err = results![i][0]
          i += o.json === null ? 2 : 1
          // Cut by an outage (or resent after one): the restore writes it from what is kept.
          if (err && (o.epoch !== this.epoch || isRedisDown(err))) {
            this.stall([o])
            continue
          }
          if (err && /equal or smaller/.test(err.message)) {
            // Another replica wrote to this run since: forget what we knew; the next append resyncs.
            this.drop(o.runId)
            err = new Error(`run ${o.runId}: another replica appended to this run's event log`)
          }
          if (!err) this.acked(o)
          o.done(err ?? undefined)
        }
      },
      (e) => (ops[0].epoch !== this.epoch || isRedisDown(e) ? this.stall(ops) : ops.forEach((o) => { o.done(e) })),
    )
  }

  private acked(o: Op): void {
    this.deliverLocal(o.runId, o.event)
    if (o.json === null) this.drop(o.runId)
  }

  /** Ops Redis did not take: their runs go on (resolved now), restored and delivered when it is back. */
  private stall(ops: Op[]): void {
    for (const o of ops) {
      o.done()
      this.stalled.push({ ...o, done: () => {} })
    }
    if (!this.down) {
      // Failed without a disconnect being seen: check what Redis has now.
      this.down = true
      this.restore()
    }
  }

  private restore(): void {
    if (this.restoring) return void (this.restoreAgain = true)
    this.restoring = this.restoreOnce().finally(() => {
      this.restoring = null
      if (this.restoreAgain || (this.down && this.redis.status === 'ready')) {
        this.restoreAgain = false
        setTimeout(() => this.down && this.restore(), 200).unref()
      }
    })
  }

  /**
   * Redis is back: writes what it lost or never got of every kept run (same ids), delivers the
   * stalled events to local subscribers in order, and sends later appends as usual again.
   */
  private async restoreOnce(): Promise<void> {
    const epoch = this.epoch
    const runs = [...this.appenders].filter(([, a]) => !a.ready && !a.lost)
    for (const [runId, a] of runs) if (!a.kept) this.lose(runId, a)
    const kept = runs.filter(([, a]) => a.kept)
    let ops: Op[] = []
    let written: number[] = []
    let lost: Set<number>
    try {
      lost = await restoreStreams(this.redis, kept.map(([id, a]) => ({ key: this.key(id), kept: a.kept!, open: !a.closed })), { openTtlMs: this.openTtlMs, retainMs: this.retainMs }, () => {
        ops = this.stalled
        this.stalled = []
        written = kept.map(([, a]) => a.kept!.entries.length)
      })
      if (this.runsKey && this.tracked.size) await this.redis.sadd(this.runsKey, ...this.tracked)
    } catch {
      this.stalled = ops.concat(this.stalled)
      return
    }
    for (const i of lost) this.lose(kept[i][0], kept[i][1])
    // Each restored run's followers get what they miss of it (each subscriber skips what it has).
    kept.forEach(([runId, a], i) => {
      if (a.lost) return
      const events = a.kept!.entries.slice(0, written[i])
      for (const e of events) this.deliverLocal(runId, e)
      if (events.at(-1) === null) this.drop(runId)
    })
    // A run that was not restored (it started meanwhile) has its stalled appends sent as usual.
    const restored = new Set(kept.map(([id]) => id))
    this.stalled = ops.filter((o) => !restored.has(o.runId)).concat(this.stalled)
    if (epoch !== this.epoch) return
    this.down = false
    this.queue.push(...this.stalled)
    this.stalled = []
    this.flush()
  }

  /** A run whose events Redis lost and this replica cannot restore: its appends fail, its local followers end. */
  private lose(runId: string, a: Appender): void {
    a.lost = true
    if (a.kept) this.keptBytes -= a.kept.bytes
    a.kept = null
    for (const sub of [...(this.watches.get(runId)?.subs ?? [])]) this.endSub(runId, sub)
  }

  /** After the events and expiries: which runs this replica now writes, and which it closed. */
  private track(p: ReturnType<Redis['pipeline']>, ops: Op[]): void {
    for (const o of ops) {
      if (o.json === null) {
        if (this.tracked.delete(o.runId)) p.srem(this.runsKey!, o.runId)
      } else if (!this.tracked.has(o.runId)) {
        this.tracked.add(o.runId)
        p.sadd(this.runsKey!, o.runId)
      }
    }
  }

  private deliverLocal(runId: string, event: RunEvent | null): void {
    const watch = this.watches.get(runId)
    if (!watch) return
    for (const sub of [...watch.subs]) {
      if (sub.buffer) sub.buffer.push(event)
      else if (event) this.push(sub, event)
      else this.endSub(runId, sub)
    }
  }

  private deliverEntries(runId: string, entries: Entry[]): void {
    const watch = this.watches.get(runId)
    if (!watch) return
    for (const [id, fields] of entries) {
      // Parsed once per process, whatever the number of subscribers.
      const event = fields[0] === 'd' ? { id, envelope: JSON.parse(fields[1]) as StreamEnvelope, json: fields[1] } : null
      for (const sub of [...watch.subs]) {
        if (sub.buffer) sub.buffer.push(event)
        else if (event) this.push(sub, event)
        else this.endSub(runId, sub)
      }
    }
  }

  /** Replays one stored entry to a subscriber; false when it was the end mark. */
  private toSub(runId: string, sub: Sub, id: string, fields: string[]): boolean {
    if (fields[0] !== 'd') {
      this.endSub(runId, sub)
      return false
    }
    this.push(sub, { id, envelope: JSON.parse(fields[1]), json: fields[1] })
    return true
  }

  private push(sub: Sub, e: RunEvent): void {
    const seq = seqOf(e.id)
    // Replay and live delivery may overlap: each subscriber gets each event once, in order.
    if (seq <= sub.last) return
    sub.last = seq
    sub.listener.event(e)
  }

  private endSub(runId: string, sub: Sub): void {
    this.unsubscribe(runId, sub)
    sub.listener.end()
  }

  private unsubscribe(runId: string, sub: Sub): void {
    const watch = this.watches.get(runId)
    if (!watch?.subs.delete(sub)) return
    if (watch.subs.size) return
    this.watches.delete(runId)
    this.reader.remove(runId)
  }
}

class ClosedError extends Error {
  constructor(runId: string) {
    super(`run ${runId}: event log is closed`)
  }
}
