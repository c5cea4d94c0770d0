import { ChatKitError, ErrorCodes, serializeError, Timeouts, type ChatKitClientSecretResult } from '@xpert-ai/chatkit-protocol'

export type ClientSecret = {
  secret: string
  organizationId?: string
  /** When it expires (ms since the epoch), if the host said (`expiresAt`). */
  expiresAt?: number
  /** When the frame got it (ms), to renew a short-lived secret early in proportion. */
  receivedAt?: number
}

/** A secret is renewed this long before its known expiry (at most; a quarter of its life if shorter). */
const RENEW_BEFORE_MS = 30_000

/** Asks the host for a secret, given the current (stale) one or null. */
export type SecretSource = (current: string | null) => Promise<ChatKitClientSecretResult>

export type SecretOptions = {
  /** How long the host may take to answer (default `Timeouts.clientSecret`). */
  timeoutMs?: number
  /** Told why no usable secret can be had (the host failed, hung, or gave one the API refused), and null on `retry`. */
  onProblem?(problem: ChatKitError | null): void
  /** The clock (ms), for tests. */
  now?(): number
}

/**
 * Holds the client secret in memory only (never a URL, storage or log) and refreshes it through
 * the host's `api.getClientSecret(current)`. Concurrent refreshes of the same stale secret share
 * one promise, so N requests that hit 401 together cost the host one call.
 *
 * When the host cannot give a usable secret, requests do not fail: they wait (abortable) until
 * `retry()`, and `onProblem` says why, so the UI can show it with a Retry button. Whatever the user
 * sent is then sent once, when the host works again. The host is never asked in a loop: after one
 * failure, only `retry()` asks again.
 */
export class ClientSecrets {
  #current: ClientSecret | null = null
  #pending: Promise<ClientSecret> | null = null
  #problem: ChatKitError | null = null
  #wake: (() => void)[] = []
  readonly #source: SecretSource
  readonly #options: SecretOptions

  constructor(source: SecretSource, options: SecretOptions = {}) {
    this.#source = source
    this.#options = options
  }

  /** Why no secret can be had right now (null when none is known). */
  get problem(): ChatKitError | null {
    return this.#problem
  }

  /**
   * The current secret, fetching the first one if needed, or a new one when the current one is
   * about to expire (when its expiry is known): a request never starts with a secret known to be
   * stale, so an idle expiry costs no refused round trip.
   */
  get(signal?: AbortSignal): Promise<ClientSecret> {
    const c = this.#current
    if (!c) return this.refresh(null, signal)
    return this.#stale(c) ? this.refresh(c.secret, signal) : Promise.resolve(c)
  }

  /**
   * Fetches the secret ahead of need (the frame is idle after boot, the user types), so the first
   * send does not wait for the host. Never throws; a failure becomes `problem` as on a request.
   */
  warm(): void {
    if (this.#problem || this.#pending) return
    if (this.#current && !this.#stale(this.#current)) return
    void this.get().catch(() => {})
  }

  #stale(c: ClientSecret): boolean {
    if (c.expiresAt === undefined) return false
    const now = this.#options.now?.() ?? Date.now()
    const life = c.expiresAt - (c.receivedAt ?? now)
    return now >= c.expiresAt - Math.min(RENEW_BEFORE_MS, life / 4)
  }

  /**
   * A secret newer than `stale`. If another caller already replaced `stale`, that newer secret is
   * returned without asking the host again. While there is a problem, waits for `retry()`.
   */
  async refresh(stale: string | null, signal?: AbortSignal): Promise<ClientSecret> {
    for (;;) {
      signal?.throwIfAborted()
      if (this.#current && this.#current.secret !== stale) return this.#current
      if (!this.#problem) {
        try {
          return await this.#ask(stale)
        } catch {
          // The failure is now `problem` (or `clear()` started over): wait or ask again.
        }
      }
      if (this.#problem) await this.#retried(signal)
    }
  }

  /**
   * The API answered 401 to `secret`, fresh from the host: the host's secrets do not work here
   * (wrong assistant, already expired). Reported once; requests wait for `retry()`.
   */
  refused(secret: string, error: ChatKitError): void {
    if (this.#current?.secret === secret && !this.#problem) this.#fail(error)
  }

  /** Asks the host again (the user pressed Retry, or sends again); waiting requests then continue. */
  retry(): void {
    if (!this.#problem) return
    this.#problem = null
    this.#options.onProblem?.(null)
    const wake = this.#wake
    this.#wake = []
    for (const w of wake) w()
    // Asks even when no request waits, so the UI shows at once whether it works now.
    void this.refresh(this.#current?.secret ?? null).catch(() => {})
  }

  /** Forgets the secret, e.g. when the host points the frame at another API. */
  clear(): void {
    this.#current = null
    this.#pending = null
    this.retry()
  }

  #ask(stale: string | null): Promise<ClientSecret> {
    if (!this.#pending) {
      const pending = withTimeout(this.#source(stale), this.#options.timeoutMs ?? Timeouts.clientSecret)
        .then((v) => normalizeSecret(v, this.#options.now?.() ?? Date.now()))
        .then(
          (s) => {
            if (this.#pending === pending) this.#current = s
            return s
          },
          (e: unknown) => {
            if (this.#pending === pending) this.#fail(asError(e))
            throw e
          },
        )
        .finally(() => {
          if (this.#pending === pending) this.#pending = null
        })
      this.#pending = pending
    }
    return this.#pending
  }

  #fail(error: ChatKitError) {
    this.#problem = error
    this.#options.onProblem?.(error)
  }

  #retried(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const wake = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      const onAbort = () => {
        this.#wake = this.#wake.filter((w) => w !== wake)
        reject(signal!.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#wake.push(wake)
    })
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChatKitError(ErrorCodes.CallbackTimeout, `api.getClientSecret did not answer within ${ms / 1000} s`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

function asError(e: unknown): ChatKitError {
  if (e instanceof ChatKitError) return e
  const { code, message } = serializeError(e, ErrorCodes.ClientSecret)
  return new ChatKitError(code, message)
}

/**
 * Accepts what `getClientSecret` may return: a string or `{secret, organizationId?, expiresAt?}`,
 * `expiresAt` in Unix seconds (the sessions endpoint's `expires_at`).
 */
export function normalizeSecret(value: unknown, now = Date.now()): ClientSecret {
  if (typeof value === 'string' && value.trim()) return { secret: value.trim() }
  const o = value as { secret?: unknown; organizationId?: unknown; expiresAt?: unknown } | null
  if (o && typeof o === 'object' && typeof o.secret === 'string' && o.secret.trim()) {
    return {
      secret: o.secret.trim(),
      ...(typeof o.organizationId === 'string' && o.organizationId ? { organizationId: o.organizationId } : {}),
      ...(o.expiresAt !== undefined && o.expiresAt !== null ? { expiresAt: expiryMs(o.expiresAt), receivedAt: now } : {}),
    }
  }
  // The value itself is never echoed: it may be a secret in the wrong shape.
  throw new ChatKitError(ErrorCodes.ClientSecret, `api.getClientSecret must return a non-empty string or {secret: string}, got ${describe(value)}`)
}

function expiryMs(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new ChatKitError(
      ErrorCodes.ClientSecret,
      `api.getClientSecret: expiresAt must be a Unix time in seconds (the sessions endpoint's expires_at), got ${typeof v === 'number' ? v : typeof v}`,
    )
  }
  // A value past the year 5000 in seconds is a milliseconds timestamp: say so rather than never renewing.
  if (v > 1e11) throw new ChatKitError(ErrorCodes.ClientSecret, `api.getClientSecret: expiresAt must be in seconds, got ${v} (milliseconds?)`)
  return v * 1000
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return 'an empty string'
  return typeof v === 'object' ? 'an object without a secret' : typeof v
}
