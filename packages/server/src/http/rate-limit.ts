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

/** The 429 of an empty bucket: retry after `wait` seconds. */
export function rateLimited(wait: number): HttpError {
  return new HttpError(429, 'rate_limited', `too many requests for this client secret; retry in ${wait} s`, { 'retry-after': String(wait) })
}

/**
 * A token bucket per key (the client secret's hash). Buckets that have refilled are dropped
 * when the map grows, so memory follows the number of recently active secrets.
 */
export class RateLimiter implements RequestLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly o: RateLimitOptions,
    private readonly now: () => number,
  ) {
    if (!(o.perSecond > 0) || !(o.burst >= 1)) throw new TypeError('rateLimit: perSecond must be > 0 and burst >= 1')
  }

  /** Takes one token or throws a 429 saying when to retry. */
  take(key: string): void {
    const now = this.now()
    const b = this.buckets.get(key) ?? { tokens: this.o.burst, at: now }
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 1000) * this.o.perSecond)
    b.at = now
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / this.o.perSecond))
      this.buckets.set(key, b)
      throw rateLimited(wait)
    }
    b.tokens -= 1
    this.buckets.set(key, b)
    if (this.buckets.size > 10_000) this.prune(now)
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.o.perSecond >= this.o.burst) this.buckets.delete(k)
    }
  }
}
