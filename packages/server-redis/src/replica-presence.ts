import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

export type ReplicaPresenceOptions = {
  /** Key prefix (the same as the event log's). Default `chatkit:`. */
  prefix?: string
  /** A replica silent for this long is dead (ms). Default 2 500. */
  ttlMs?: number
  /** Heartbeat and sweep interval (ms). Default 500. */
  intervalMs?: number
}

/** Runs of a dead replica, handed to exactly one survivor. */
export type DeadReplica = { id: string; runIds: string[] }

/**
 * Which replicas are alive, and what each was running. Every replica writes a heartbeat into one
 * sorted set (`<prefix>replicas`, scored by Redis's own clock, so replica clocks do not matter)
 * each `intervalMs`; the run-event log records the runs a replica appends to in
 * `<prefix>replica:<id>:runs` (see `runsKey`). Each sweep looks for replicas silent for `ttlMs`:
 * the survivor whose `ZREM` removes one owns its clean-up (exactly one does), gets its runs and
 * drops the set. With the defaults a dead replica's runs are handed over 2.5–3 s after its last
 * heartbeat.
 */
export class ReplicaPresence {
  readonly id = randomUUID()
  private readonly registry: string
  private timer: NodeJS.Timeout | null = null
  private sweeping: Promise<void> | null = null

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly intervalMs: number,
  ) {
    this.registry = `${prefix}replicas`
  }

  static async start(redis: Redis, options: ReplicaPresenceOptions = {}): Promise<ReplicaPresence> {
    const p = new ReplicaPresence(redis, options.prefix ?? 'chatkit:', options.ttlMs ?? 2500, options.intervalMs ?? 500)
    await p.beat()
    return p
  }

  /** Where the run-event log records this replica's runs. */
  get runsKey(): string {
    return this.runsKeyOf(this.id)
  }

  /** Ids of the other replicas alive now. */
  async others(): Promise<string[]> {
    const now = await this.now()
    const ids = await this.redis.zrangebyscore(this.registry, now - this.ttlMs, '+inf')
    return ids.filter((id) => id !== this.id)
  }

  /**
   * Heartbeats, and every `intervalMs` hands the runs of replicas found dead to `onDead` (called
   * with one replica at a time; a failure is reported to `onError` and that replica's runs are lost
   * to the clean-up, not retried forever).
   */
  watch(onDead: (dead: DeadReplica) => Promise<void>, onError: (e: unknown) => void = () => {}): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep(onDead)
        .catch(onError)
        .finally(() => (this.sweeping = null))
    }, this.intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.sweeping
    // A clean stop is not a death: its runs were ended by the graceful shutdown.
    await this.redis
      .multi()
      .zrem(this.registry, this.id)
      .del(this.runsKey)
      .exec()
      .catch(() => {})
  }

  private runsKeyOf(id: string): string {
    return `${this.prefix}replica:${id}:runs`
  }

  private async now(): Promise<number> {
    const [s, us] = await this.redis.time()
    return Number(s) * 1000 + Math.floor(Number(us) / 1000)
  }

  private async beat(): Promise<void> {
    await this.redis.zadd(this.registry, await this.now(), this.id)
  }

  private async sweep(onDead: (dead: DeadReplica) => Promise<void>): Promise<void> {
    await this.beat()
    const dead = await this.redis.zrangebyscore(this.registry, '-inf', (await this.now()) - this.ttlMs)
    for (const id of dead) {
      if (id === this.id) continue
      // Claimed by whoever removes it: one survivor per dead replica.
      if ((await this.redis.zrem(this.registry, id)) !== 1) continue
      const runIds = await this.redis.smembers(this.runsKeyOf(id))
      await onDead({ id, runIds })
      await this.redis.del(this.runsKeyOf(id))
    }
  }
}
