import type { Redis, Result } from 'ioredis'
import type { ThreadLocks } from '@xpert-ai/chatkit-server'
import { unavailable } from './unavailable.js'

// Renew or drop a lock only while it is still ours. A lock that is gone (Redis restarted without
// its data) is taken again: this replica still runs the thread.
const RENEW = `local v = redis.call('GET', KEYS[1]) if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) elseif not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0`
const DROP = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

/**
 * One active run per thread across replicas: `SET <prefix>thread:<id>:lock <owner> NX PX ttl`,
 * renewed every `ttlMs / 4` while this process holds it (one pipeline for all its threads), and
 * dropped when the thread has nothing left to run here. A replica that dies stops renewing: its
 * threads are free again `ttlMs` (4 s) later, by the time a survivor has marked its runs
 * interrupted.
 */
export class RedisThreadLocks implements ThreadLocks {
  private readonly held = new Set<string>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly redis: Redis,
    private readonly owner: string,
    private readonly options: { prefix?: string; ttlMs?: number } = {},
  ) {
    if (!redis.renewLock) redis.defineCommand('renewLock', { numberOfKeys: 1, lua: RENEW })
    if (!redis.dropLock) redis.defineCommand('dropLock', { numberOfKeys: 1, lua: DROP })
    this.timer = setInterval(() => this.renew(), Math.floor(this.ttl / 4))
    this.timer.unref()
  }

  async acquire(threadId: string): Promise<boolean> {
    const ok = await this.redis.set(this.key(threadId), this.owner, 'PX', this.ttl, 'NX').catch((e) => Promise.reject(unavailable(e)))
    if (ok !== 'OK') return false
    this.held.add(threadId)
    return true
  }

  async release(threadId: string): Promise<void> {
    if (!this.held.delete(threadId)) return
    await this.redis.dropLock(this.key(threadId), this.owner)
  }

  async isHeld(threadId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(threadId))) > 0
  }

  /** The replica holding the thread (its owner id), or null. */
  async ownerOf(threadId: string): Promise<string | null> {
    return this.redis.get(this.key(threadId))
  }

  /** Frees a thread a dead replica (`owner`) still holds, so it takes new runs at once. */
  async releaseFor(owner: string, threadId: string): Promise<void> {
    await this.redis.dropLock(this.key(threadId), owner)
  }

  /** Stops renewing and drops every lock held. */
  async dispose(): Promise<void> {
    clearInterval(this.timer)
    await Promise.all([...this.held].map((t) => this.release(t).catch(() => {})))
  }

  private get ttl(): number {
    return this.options.ttlMs ?? 4000
  }

  private key(threadId: string): string {
    return `${this.options.prefix ?? 'chatkit:'}thread:${threadId}:lock`
  }

  private renew(): void {
    if (!this.held.size) return
    const p = this.redis.pipeline()
    for (const t of this.held) p.renewLock(this.key(t), this.owner, this.ttl)
    p.exec().catch(() => {})
  }
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    renewLock(key: string, owner: string, ttlMs: number): Result<number, Context>
    dropLock(key: string, owner: string): Result<number, Context>
  }
  interface ChainableCommander {
    renewLock(key: string, owner: string, ttlMs: number): ChainableCommander
  }
}
