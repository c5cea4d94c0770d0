import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { RateLimiter, type RateLimitOptions } from './rate-limit.js'

/**
 * Failed credential attempts per source address: each failure is logged with its source and
 * takes a token; a source without tokens is refused (429) before its credential is even
 * compared, so guesses cannot be confirmed. Refusals of a throttled source are logged at most
 * once a minute per source, so a flood of guesses cannot flood the log.
 */
export class FailureThrottle {
  private readonly limiter: RateLimiter | null
  private readonly reported = new Map<string, number>()

  constructor(
    options: RateLimitOptions | null,
    private readonly now: () => number,
    private readonly warn: (message: string) => void,
    private readonly what: string,
  ) {
    this.limiter = options
      ? new RateLimiter(options, now, { code: ApiErrorCodes.TooManyFailedAttempts, what: `failed ${what} attempts from this address` }, 'sessionFailureLimit')
      : null
  }

  /** Throws the 429 when `source` is throttled. */
  check(source: string, where: string): void {
    try {
      this.limiter?.check(source)
    } catch (e) {
      const at = this.now()
      if ((this.reported.get(source) ?? -Infinity) <= at - 60_000) {
        if (this.reported.size > 10_000) this.reported.clear()
        this.reported.set(source, at)
        this.warn(`${where}: ${source} is throttled after repeated failed ${this.what} attempts (logged once a minute)`)
      }
      throw e
    }
  }

  /** Records a failed attempt (logged); throws the 429 when it was the last one allowed. */
  fail(source: string, where: string, what: string): void {
    this.warn(`${where}: ${what} from ${source}`)
    this.limiter?.take(source)
  }
}
