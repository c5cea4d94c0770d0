import type { Redis } from 'ioredis'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { RunEvent } from '@xpert-ai/chatkit-server'
import { EventBufferFullError, EventsLostError, restoreStreams, type Kept } from './kept-events.js'
import type { RunWatchers } from './run-watchers.js'
import { seqOf, type Entry } from './shared-reader.js'
import { isRedisDown } from './unavailable.js'
import { defineAppendScript, type AppendReply } from './append-script.js'

/** `expiring`: the stream's safety expiry was sent (once per run, not with every event). */
type Appender = { seq: number; closed: boolean; ready: Promise<void> | null; kept: Kept; lost: boolean; expiring: boolean }
type Op = { runId: string; seq: number; json: string | null; event: RunEvent | null; done: (e?: unknown) => void; epoch: number }
type WriterOptions = { retainMs: number; openTtlMs: number; maxBufferedBytes: number }

/**
 * The writing side of the Redis run-event log: the runs this process appends to, their seqs, the
 * per-tick pipeline, and what happens when Redis goes away. While Redis is unreachable, appends
 * resolve at once and wait in memory (`stalled`); every open run's events are kept (within
 * `maxBufferedBytes`) so that when Redis is back, whatever it lost (a restart without persistence)
 * or never got is written again with the same ids, and local subscribers get it in order.
 */
export class RunWriter {
  private readonly appenders = new Map<string, Appender>()
  private queue: Op[] = []
  private scheduled = false
  /** Where this replica records the runs it writes (`ReplicaPresence.runsKey`), if anywhere. */
  runsKey: string | null = null
  private readonly tracked = new Set<string>()
  /** Bytes of every appender's `kept` events. */
  private keptBytes = 0
  /** Redis is unreachable (or back and not restored yet): appends wait in `stalled`. */
  private down = false
  private stalled: Op[] = []
  /** Counts disconnects: a pipeline sent in an earlier epoch may have been cut or resent. */
  private epoch = 0
  private restoring: Promise<void> | null = null
  private restoreAgain = false

  constructor(
    private readonly redis: Redis,
    private readonly key: (runId: string) => string,
    private readonly watchers: RunWatchers,
    private readonly o: WriterOptions,
  ) {
    defineAppendScript(redis)
    redis.on('close', () => {
      this.down = true
      this.epoch++
    })
    redis.on('ready', () => {
      if (this.down) this.restore()
    })
  }

  get(runId: string): Appender | undefined {
    return this.appenders.get(runId)
  }

  /** Another replica may continue the run: forget its appender (and stop listing it as this replica's). */
  release(runId: string): void {
    const a = this.appenders.get(runId)
    if (!a || a.ready) return
    this.drop(runId)
    if (this.runsKey && this.tracked.delete(runId)) this.redis.srem(this.runsKey, runId).catch(() => {})
  }

  /** Queues one entry (an event's JSON, or the end mark for null) and resolves to its seq once Redis has it. */
  async write(runId: string, json: string | null, envelope: StreamEnvelope | null): Promise<number> {
    let a = this.appenders.get(runId)
    if (!a) {
      this.appenders.set(runId, (a = { seq: 0, closed: false, ready: null, kept: null, lost: false, expiring: false }))
      a.ready = this.resume(runId, a)
    }
    if (a.ready) await a.ready
    if (a.lost) throw new EventsLostError(runId)
    if (a.closed) throw new RunClosedError(runId)
    const size = json?.length ?? 0
    if (this.down && this.keptBytes + size > this.o.maxBufferedBytes) throw new EventBufferFullError(runId, this.o.maxBufferedBytes)
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
    if (!this.down && this.keptBytes + size > this.o.maxBufferedBytes) {
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

  flush(): void {
    this.scheduled = false
    const ops = this.queue
    this.queue = []
    if (!ops.length) return
    if (this.down) {
      this.stall(ops)
      return
    }
    const p = this.redis.pipeline()
    const keys: string[] = []
    const entries: string[] = []
    for (const o of ops) {
      keys.push(this.key(o.runId))
      if (o.json === null) entries.push(`${o.seq}-0`, 'e', '')
      else {
        const a = this.appenders.get(o.runId)
        const first = a !== undefined && !a.expiring
        if (first) a.expiring = true
        entries.push(`${o.seq}-0`, first ? 'D' : 'd', o.json)
      }
    }
    p.appendEvents(keys.length, ...keys, this.o.retainMs, this.o.openTtlMs, ...entries)
    if (this.runsKey) this.track(p, ops)
    p.exec().then(
      (results) => {
        const [failed, replies] = results![0] as [Error | null, AppendReply | null]
        ops.forEach((o, i) => {
          const reply = replies?.[i]
          let err = failed ?? (typeof reply === 'string' ? new Error(reply) : null)
          // Cut by an outage (or resent after one): the restore writes it from what is kept.
          if (err && (o.epoch !== this.epoch || isRedisDown(err))) {
            this.stall([o])
            return
          }
          if (err && /equal or smaller/.test(err.message)) {
            // Another replica wrote to this run since: forget what we knew; the next append resyncs.
            this.drop(o.runId)
            err = new Error(`run ${o.runId}: another replica appended to this run's event log`)
          }
          if (!err) this.acked(o)
          o.done(err ?? undefined)
        })
      },
      (e) =>
        ops[0].epoch !== this.epoch || isRedisDown(e)
          ? this.stall(ops)
          : ops.forEach((o) => {
              o.done(e)
            }),
    )
  }

  private acked(o: Op): void {
    this.watchers.deliver(o.runId, o.event)
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
      lost = await restoreStreams(
        this.redis,
        kept.map(([id, a]) => ({ key: this.key(id), kept: a.kept!, open: !a.closed })),
        this.o,
        () => {
          ops = this.stalled
          this.stalled = []
          written = kept.map(([, a]) => a.kept!.entries.length)
        },
      )
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
      for (const e of events) this.watchers.deliver(runId, e)
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
    this.watchers.endAll(runId)
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
}

export class RunClosedError extends Error {
  constructor(runId: string) {
    super(`run ${runId}: event log is closed`)
  }
}
