import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * Each replica keeps a key `<prefix>replica:<id>` alive in Redis (refreshed every `ttlMs / 3`,
 * expiring `ttlMs` after the replica stops refreshing it). A starting replica asks whether any
 * other is alive: if none is, whatever the store says is running was left by dead processes and
 * can be marked interrupted; if some are, those runs may be theirs and are left alone.
 */
export class ReplicaPresence {
  readonly id = randomUUID()
  private readonly key: string
  private readonly timer: NodeJS.Timeout

  private constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlMs: number) {
    this.key = `${prefix}replica:${this.id}`
    this.timer = setInterval(() => void this.redis.set(this.key, String(Date.now()), 'PX', this.ttlMs).catch(() => {}), Math.floor(ttlMs / 3))
    this.timer.unref()
  }

  static async start(redis: Redis, options: { prefix?: string; ttlMs?: number } = {}): Promise<ReplicaPresence> {
    const p = new ReplicaPresence(redis, options.prefix ?? 'chatkit:', options.ttlMs ?? 10_000)
    await redis.set(p.key, String(Date.now()), 'PX', p.ttlMs)
    return p
  }

  /** Ids of the other replicas alive now. */
  async others(): Promise<string[]> {
    const ids: string[] = []
    let cursor = '0'
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}replica:*`, 'COUNT', 500)
      cursor = next
      for (const k of keys) if (k !== this.key) ids.push(k.slice(this.prefix.length + 8))
    } while (cursor !== '0')
    return ids
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.redis.del(this.key).catch(() => {})
  }
}
