import type { Server } from 'node:http'
import type { ChatKitHandler } from './handler.js'
import { closeServer } from './node/serve-node.js'
import type { Store } from './store/types.js'

export type ShutdownTargets = {
  servers: readonly Server[]
  handler: ChatKitHandler
  store: Store
  /** A log that buffers writes (SqliteRunEventLog, a Redis log's connection): flushed and stopped before the store closes. */
  eventLog?: { dispose(): void | Promise<void> }
  /** Longest wait for in-flight runs and open connections (ms). Default 5 000. */
  timeoutMs?: number
}

/**
 * Graceful stop, in the only safe order: stop accepting connections; end in-flight runs (their
 * answers saved and marked cancelled, their streams closed with `complete`); wait for responses
 * to drain (then cut what is left); close the database last, so no write lands on a closed db.
 */
export async function gracefulShutdown({ servers, handler, store, eventLog, timeoutMs = 5000 }: ShutdownTargets): Promise<void> {
  const closing = servers.map((s) => closeServer(s))
  // A connection whose response just ended (an answer stream the shutdown closed) turns idle
  // and would otherwise hold the close until the cut below.
  const idle = setInterval(
    () =>
      servers.forEach((s) => {
        s.closeIdleConnections()
      }),
    50,
  )
  await handler.shutdown(timeoutMs)
  const cut = setTimeout(
    () =>
      servers.forEach((s) => {
        s.closeAllConnections()
      }),
    timeoutMs,
  )
  await Promise.all(closing)
  clearTimeout(cut)
  clearInterval(idle)
  await eventLog?.dispose()
  await store.close()
}
