import type { Redis, Result } from 'ioredis'
import { rateLimited, type RateLimitOptions, type RequestLimiter } from '@xpert-ai/chatkit-server'

// The server's token bucket, run atomically inside Redis on Redis's clock: one hash per key
// (`tokens`, `at` in ms), expiring once it would be full again. Returns 0, or the seconds to wait.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perMs = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) * perMs)
local wait = 0
if tokens < 1 then
  wait = math.max(1, math.ceil((1 - tokens) / tonumber(ARGV[1])))
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs) + 1000)
return wait`

/**
 * Per-client-secret rate limits shared by every replica (`createChatKitHandler({ rateLimiter })`):
 * the same token bucket as the in-process limiter, one `EVALSHA` per request. While Redis cannot
 * be reached requests are let through (a limiter outage must not take the API down with it) and
 * `onError` is told.
 */
export class RedisRateLimiter implements RequestLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly o: RateLimitOptions,
    private readonly options: { prefix?: string; onError?: (e: unknown) => void } = {},
  ) {
    if (!(o.perSecond > 0) || !(o.burst >= 1)) throw new TypeError('rateLimit: perSecond must be > 0 and burst >= 1')
    if (!redis.takeToken) redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE })
  }

  async take(key: string): Promise<void> {
    let wait: number
    try {
      wait = Number(await this.redis.takeToken(`${this.options.prefix ?? 'chatkit:'}rate:${key}`, this.o.perSecond, this.o.burst))
    } catch (e) {
      this.options.onError?.(e)
      return
    }
    if (wait > 0) throw rateLimited(wait)
  }
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    takeToken(key: string, perSecond: number, burst: number): Result<number, Context>
  }
}
