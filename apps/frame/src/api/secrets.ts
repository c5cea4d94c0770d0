import { ChatKitError, ErrorCodes, type ChatKitClientSecretResult } from '@xpert-ai/chatkit-protocol'

export type ClientSecret = { secret: string; organizationId?: string }

/** Asks the host for a secret, given the current (stale) one or null. */
export type SecretSource = (current: string | null) => Promise<ChatKitClientSecretResult>

/**
 * Holds the client secret in memory only (never a URL, storage or log) and refreshes it through
 * the host's `api.getClientSecret(current)`. Concurrent refreshes of the same stale secret share
 * one promise, so N requests that hit 401 together cost the host one call.
 */
export class ClientSecrets {
  #current: ClientSecret | null = null
  #pending: Promise<ClientSecret> | null = null
  readonly #source: SecretSource

  constructor(source: SecretSource) {
    this.#source = source
  }

  /** The current secret, fetching the first one if needed. */
  get(): Promise<ClientSecret> {
    return this.#current ? Promise.resolve(this.#current) : this.refresh(null)
  }

  /**
   * A secret newer than `stale`. If another caller already replaced `stale`, that newer secret is
   * returned without asking the host again.
   */
  refresh(stale: string | null): Promise<ClientSecret> {
    if (this.#current && this.#current.secret !== stale) return Promise.resolve(this.#current)
    if (!this.#pending) {
      const pending = this.#source(stale)
        .then(normalizeSecret)
        .then((s) => {
          if (this.#pending === pending) this.#current = s
          return s
        })
        .finally(() => {
          if (this.#pending === pending) this.#pending = null
        })
      this.#pending = pending
    }
    return this.#pending
  }

  /** Forgets the secret, e.g. when the host points the frame at another API. */
  clear(): void {
    this.#current = null
    this.#pending = null
  }
}

/** Accepts what `getClientSecret` may return: a string or `{secret, organizationId?}`. */
export function normalizeSecret(value: unknown): ClientSecret {
  if (typeof value === 'string' && value.trim()) return { secret: value.trim() }
  const o = value as { secret?: unknown; organizationId?: unknown } | null
  if (o && typeof o === 'object' && typeof o.secret === 'string' && o.secret.trim()) {
    return {
      secret: o.secret.trim(),
      ...(typeof o.organizationId === 'string' && o.organizationId ? { organizationId: o.organizationId } : {}),
    }
  }
  // The value itself is never echoed: it may be a secret in the wrong shape.
  throw new ChatKitError(
    ErrorCodes.ClientSecret,
    `api.getClientSecret must return a non-empty string or {secret: string}, got ${describe(value)}`,
  )
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return 'an empty string'
  return typeof v === 'object' ? 'an object without a secret' : typeof v
}
