import type { Redis } from 'ioredis'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { endAsInterrupted, InvalidEventIdError, parseEventSeq, type RunEventListener, type RunEventLog } from '@xpert-ai/chatkit-server'
import { RunClosedError, RunWriter } from './run-writer.js'
import { RunWatchers } from './run-watchers.js'
import { seqOf, SharedStreamReader, type Entry } from './shared-reader.js'
import { unavailable } from './unavailable.js'

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
  private readonly watchers = new RunWatchers((runId) => this.reader.remove(runId))
  private readonly writer: RunWriter
  private readonly prefix: string
  private readonly reader: SharedStreamReader

  /** `redis` carries the appends and reads; `blocking` is the shared reader's own connection. */
  constructor(
    private readonly redis: Redis,
    blocking: Redis,
    options: RedisRunEventLogOptions = {},
  ) {
    this.prefix = options.prefix ?? 'chatkit:'
    this.reader = new SharedStreamReader(
      blocking,
      redis,
      (r) => this.key(r),
      (r, entries) => this.watchers.deliverEntries(r, entries),
    )
    this.writer = new RunWriter(redis, (r) => this.key(r), this.watchers, {
      retainMs: options.retainMs ?? 10 * 60_000,
      openTtlMs: options.openTtlMs ?? 24 * 3_600_000,
      maxBufferedBytes: options.maxBufferedBytes ?? 64 * 1048576,
    })
  }

  append(runId: string, envelope: StreamEnvelope): Promise<string> {
    let json: string
    try {
      json = JSON.stringify(envelope)
    } catch (e) {
      return Promise.reject(e)
    }
    return this.writer.write(runId, json, envelope).then(
      (seq) => `${seq}-0`,
      (e) => Promise.reject(unavailable(e)),
    )
  }

  async close(runId: string): Promise<void> {
    if (this.writer.get(runId)?.closed) return
    await this.writer.write(runId, null, null).catch((e) => {
      if (!(e instanceof RunClosedError)) throw unavailable(e)
    })
  }

  async subscribe(runId: string, afterId: string | undefined, listener: RunEventListener) {
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    const appender = this.writer.get(runId)
    // Attached first: live events arriving during the replay wait in the buffer, none is missed.
    const { sub, remote } = this.watchers.attach(runId, start, listener, !appender || appender.closed)
    const drop = () => this.watchers.detach(runId, sub)
    let entries: Entry[]
    let lastSeq: number
    try {
      const [[e1, range], [e2, tail]] = (await this.redis
        .multi()
        .xrange(this.key(runId), `(${start}-0`, '+')
        .xrevrange(this.key(runId), '+', '-', 'COUNT', 1)
        .exec())! as [Error | null, Entry[]][]
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
    if (!this.watchers.replay(runId, sub, entries)) return () => {}
    if (remote) this.reader.add(runId, sub.last)
    return drop
  }

  /**
   * Records each run this process appends to in the Redis set `key` (added with the run's first
   * append, removed with its close), so a survivor can end them if this process dies.
   */
  trackRunsIn(key: string): void {
    this.writer.runsKey = key
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
    this.writer.release(runId)
  }

  /** Deletes the runs' streams (their conversation is being deleted). */
  async forget(runIds: readonly string[]): Promise<void> {
    if (runIds.length) await this.redis.del(...runIds.map((id) => this.key(id)))
  }

  /** Stops the shared reader and writes what is queued (before closing the connections). */
  async dispose(): Promise<void> {
    this.writer.flush()
    await this.reader.stop()
  }

  private key(runId: string): string {
    return `${this.prefix}run:${runId}`
  }
}
