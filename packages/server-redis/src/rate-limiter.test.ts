import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type Redis } from '../../../scripts/services.mjs'
import { connectRedisEventLog, RedisRateLimiter, type RedisConnection } from './index.js'

let redis: Redis
let a: RedisConnection
let b: RedisConnection
beforeAll(async () => {
  redis = await startRedis()
  ;[a, b] = await Promise.all([connectRedisEventLog(redis.url), connectRedisEventLog(redis.url)])
}, 60_000)
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  await redis?.stop()
})

describe('RedisRateLimiter', () => {
  it('one bucket per secret shared by every replica: the burst, then a 429 with Retry-After', async () => {
    const o = { perSecond: 0.5, burst: 5 }
    const [onA, onB] = [new RedisRateLimiter(a.redis, o), new RedisRateLimiter(b.redis, o)]
    for (let i = 0; i < 5; i++) await (i % 2 ? onA : onB).take('secret-1')
    const refused = await onB.take('secret-1').catch((e) => e)
    expect(refused).toBeInstanceOf(Error)
    expect(refused).toMatchObject({ status: 429, code: ApiErrorCodes.RateLimited, headers: { 'retry-after': '2' } })
    await expect(onA.take('secret-1')).rejects.toMatchObject({ status: 429 })
    // Another secret has its own bucket.
    await onA.take('secret-2')
  })

  it('refills at perSecond', async () => {
    const limiter = new RedisRateLimiter(a.redis, { perSecond: 20, burst: 1 })
    await limiter.take('refill')
    await expect(limiter.take('refill')).rejects.toMatchObject({ status: 429 })
    const until = Date.now() + 2000
    for (;;) {
      const r = await limiter.take('refill').then(
        () => 'ok',
        () => 'limited',
      )
      if (r === 'ok') break
      if (Date.now() > until) throw new Error('no token 2 s later at 20/s')
      await new Promise((res) => setTimeout(res, 10))
    }
  })

  it('lets requests through while Redis is unreachable, and says so', async () => {
    const c = await connectRedisEventLog(redis.url)
    const errors: unknown[] = []
    const limiter = new RedisRateLimiter(c.redis, { perSecond: 1, burst: 1 }, { onError: (e) => errors.push(e) })
    c.redis.disconnect()
    await limiter.take('down')
    await limiter.take('down')
    expect(errors.length).toBe(2)
    await c.close()
  })
})
