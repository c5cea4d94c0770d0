import type { Redis } from 'ioredis'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { endAsInterrupted, InvalidEventIdError, parseEventSeq, type RunEvent, type RunEventListener, type RunEventLog } from '@xpert-ai/chatkit-server'
import { seqOf, SharedStreamReader, type Entry } from './shared-reader.js'
import { unavailable } from './unavailable.js'

export type RedisRunEventLogOptions = {
  /** Key prefix of the run streams (`<prefix>run:<runId>`). Default `chatkit:`. */
  prefix?: string
  /** How long a closed run's events stay for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** Safety expiry of a run that never closes (its replica died and nobody closed it). Default 24 h. */
  openTtlMs?: number
}

type Appender = { seq: number; closed: boolean; ready: Promise<void> | null }
type Op = { runId: string; seq: number; json: string | null; event: RunEvent | null; done: (e?: unknown) => void }
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

  /** `redis` carries the appends and reads; `blocking` is the shared reader's own connection. */
  constructor(private readonly redis: Redis, blocking: Redis, options: RedisRunEventLogOptions = {}) {
    this.prefix = options.prefix ?? 'chatkit:'
    this.retainMs = options.retainMs ?? 10 * 60_000
    this.openTtlMs = options.openTtlMs ?? 24 * 3_600_000
    this.reader = new SharedStreamReader(blocking, redis, (r) => this.key(r), (r, entries) => this.deliverEntries(r, entries))
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
    this.appenders.delete(runId)
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
    this.appenders.delete(runId)
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
      this.appenders.set(runId, (a = { seq: 0, closed: false, ready: null }))
      a.ready = this.resume(runId, a)
    }
    if (a.ready) await a.ready
    if (a.closed) throw new ClosedError(runId)
    if (json === null) a.closed = true
    const seq = ++a.seq
    const event = envelope ? { id: `${seq}-0`, envelope, json: json! } : null
    return new Promise((resolve, reject) => {
      this.queue.push({ runId, seq, json, event, done: (e) => (e === undefined ? resolve(seq) : reject(e)) })
      if (this.scheduled) return
      this.scheduled = true
      setImmediate(() => this.flush())
    })
  }

  /** A run this process has not appended to yet may exist already (another replica wrote it): continue its ids. */
  private async resume(runId: string, a: Appender): Promise<void> {
    try {
      const tail = (await this.redis.xrevrange(this.key(runId), '+', '-', 'COUNT', 1)) as Entry[]
      if (tail.length) {
        a.seq = Math.max(a.seq, seqOf(tail[0][0]))
        if (tail[0][1][0] === 'end') a.closed = true
      }
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
          if (err && /equal or smaller/.test(err.message)) {
            // Another replica wrote to this run since: forget what we knew; the next append resyncs.
            this.appenders.delete(o.runId)
            err = new Error(`run ${o.runId}: another replica appended to this run's event log`)
          }
          if (!err) this.deliverLocal(o)
          o.done(err ?? undefined)
        }
      },
      (e) => ops.forEach((o) => { o.done(e) }),
    )
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

  private deliverLocal(o: Op): void {
    const watch = this.watches.get(o.runId)
    if (!watch) return
    for (const sub of [...watch.subs]) {
      if (sub.buffer) sub.buffer.push(o.event)
      else if (o.event) this.push(sub, o.event)
      else this.endSub(o.runId, sub)
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
