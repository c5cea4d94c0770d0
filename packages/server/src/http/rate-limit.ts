import { ApiErrorCodes, type ApiErrorCode } from '@xpert-ai/chatkit-protocol'
import { HttpError } from './errors.js'

export type RateLimitOptions = {
  /** Sustained requests per second per client secret. */
  perSecond: number
  /** Requests allowed in a burst. */
  burst: number
}

/** Takes one request's token for a key, or throws the 429 (`rateLimited`). */
export interface RequestLimiter {
  take(key: string): void | Promise<void>
}

/** The 429 of an empty per-secret bucket: retry after `wait` seconds (throw it from a `RequestLimiter`; the handler answers it with its status, code and Retry-After). */
export function rateLimited(wait: number, refusal: RateLimitRefusal = { code: ApiErrorCodes.RateLimited, what: 'requests for this client secret' }): Error {
  return new HttpError(429, refusal.code, `too many ${refusal.what}; retry in ${wait} s`, { 'retry-after': String(wait) })
}

/** The 429 a limiter throws: its code and what was limited ("requests for this client secret"). */
export type RateLimitRefusal = { code: ApiErrorCode; what: string }

/**
 * A token bucket per key (the client secret's hash, a source address). Buckets that have
 * refilled are dropped when the map grows, so memory follows the number of recently active keys.
 */
export class RateLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly o: RateLimitOptions,
    private readonly now: () => number,
    private readonly refusal: RateLimitRefusal = { code: ApiErrorCodes.RateLimited, what: 'requests for this client secret' },
    name = 'rateLimit',
  ) {
    if (!(o.perSecond > 0) || !(o.burst >= 1)) throw new TypeError(`${name}: perSecond must be > 0 and burst >= 1`)
  }

  /** Takes one token or throws a 429 saying when to retry. */
  take(key: string): void {
    const b = this.refill(key)
    this.refuseIfEmpty(b)
    b.tokens -= 1
  }

  /** Throws the 429 when `key` has no token left, without taking one. */
  check(key: string): void {
    this.refuseIfEmpty(this.refill(key))
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now()
    const b = this.buckets.get(key) ?? { tokens: this.o.burst, at: now }
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 1000) * this.o.perSecond)
    b.at = now
    if (this.buckets.size > 10_000) this.prune(now)
    this.buckets.set(key, b)
    return b
  }

  private refuseIfEmpty(b: { tokens: number }): void {
    if (b.tokens >= 1) return
    const wait = Math.max(1, Math.ceil((1 - b.tokens) / this.o.perSecond))
    throw rateLimited(wait, this.refusal)
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.o.perSecond >= this.o.burst) this.buckets.delete(k)
    }
  }
}
