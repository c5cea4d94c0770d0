import { ServiceUnavailableError } from '@xpert-ai/chatkit-server'

// postgres.js's own connection errors, the socket's, and SQLSTATE classes 08 (connection
// exception) and 57P0x (the server is shutting down, restarting, or not yet accepting).
const CONNECTION = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

/** Whether `e` says the database cannot be reached (rather than that a query was wrong). */
function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && (CONNECTION.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))
}

/** A connection failure becomes a 503 `store_unavailable`; anything else is thrown as it is. */
function unavailable(e: unknown): unknown {
  return isConnectionError(e) ? new ServiceUnavailableError('store_unavailable', 'the database is unavailable right now; try again shortly') : e
}

/** The repository with each method's connection failures turned into 503 `store_unavailable`. */
export function guarded<T extends object>(repo: T): T {
  const out = { ...repo } as Record<string, unknown>
  for (const [k, v] of Object.entries(repo)) {
    // Called at once, not a tick later: message saves of one tick must still join one batch.
    if (typeof v === 'function')
      out[k] = (...args: unknown[]) => (v.apply(repo, args) as Promise<unknown>).catch((e: unknown) => Promise.reject(unavailable(e)))
  }
  return out as T
}
