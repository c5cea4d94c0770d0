import type { Redis } from 'ioredis'
import type { RunSignals } from '@xpert-ai/chatkit-server'

/**
 * Cancel requests (`<prefix>cancel`) and follow-up wake-ups (`<prefix>follow-up`) through Redis
 * pub/sub: every replica subscribes on a connection of its own; the one running the run (or
 * holding the thread) acts, the others ignore the message.
 * Delivery is at most once and immediate (a replica that is down misses it, and its runs are
 * then taken over as interrupted anyway).
 */
export class RedisRunSignals implements RunSignals {
  private readonly channel: string
  private readonly followUpChannel: string
  private readonly handlers: ((threadId: string, runId: string) => void)[] = []
  private readonly followUpHandlers: ((threadId: string) => void)[] = []

  private constructor(
    private readonly redis: Redis,
    subscriber: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}cancel`
    this.followUpChannel = `${prefix}follow-up`
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.followUpChannel)
        return this.followUpHandlers.forEach((h) => {
          h(message)
        })
      if (channel !== this.channel) return
      let parsed: unknown
      try {
        parsed = JSON.parse(message)
      } catch {
        return
      }
      if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') return
      for (const h of this.handlers) h(parsed[0], parsed[1])
    })
  }

  /** Subscribes (ioredis re-subscribes by itself after a reconnect). */
  static async start(redis: Redis, subscriber: Redis, prefix = 'chatkit:'): Promise<RedisRunSignals> {
    const s = new RedisRunSignals(redis, subscriber, prefix)
    await subscriber.subscribe(s.channel, s.followUpChannel)
    return s
  }

  async cancel(threadId: string, runId: string): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify([threadId, runId]))
  }

  onCancel(handler: (threadId: string, runId: string) => void): void {
    this.handlers.push(handler)
  }

  async followUp(threadId: string): Promise<void> {
    await this.redis.publish(this.followUpChannel, threadId)
  }

  onFollowUp(handler: (threadId: string) => void): void {
    this.followUpHandlers.push(handler)
  }
}
