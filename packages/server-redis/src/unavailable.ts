import { ServiceUnavailableError } from '@xpert-ai/chatkit-server'

const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])

/** Whether `e` says Redis cannot be reached (ioredis gave up on the command or timed it out, or the socket failed). */
export function isRedisDown(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; message?: unknown } | null
  if (!err) return false
  if (err.name === 'MaxRetriesPerRequestError') return true
  if (typeof err.code === 'string' && CODES.has(err.code)) return true
  return typeof err.message === 'string' && /^(Connection is closed|Stream isn't writeable|LOADING |Command timed out)/.test(err.message)
}

/** A Redis outage becomes a 503 `event_log_unavailable`; anything else is thrown as it is. */
export function unavailable(e: unknown): unknown {
  return isRedisDown(e) ? new ServiceUnavailableError('event_log_unavailable', 'the run-event log is unavailable right now; try again shortly') : e
}
