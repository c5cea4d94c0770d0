import type { OriginPattern } from '@xpert-ai/chatkit-protocol'
import type { AgentRegistry } from './agent/registry.js'
import type { RunEngine } from './engine/run-engine.js'
import type { RunSignals } from './engine/run-signals.js'
import type { RunEventLog } from './events/run-event-log.js'
import type { Principal } from './services/auth.js'
import type { Store } from './store/types.js'
import type { Clock } from './util/clock.js'
import type { BlobStore } from './files/blob-store.js'

/** Everything a route needs, built once by `createChatKitHandler`. */
export type Deps = {
  store: Store
  log: RunEventLog
  engine: RunEngine
  /** Null with one process. */
  signals: RunSignals | null
  agents: AgentRegistry
  clock: Clock
  apiKeys: readonly string[]
  allowedOrigins: readonly OriginPattern[]
  secretTtlSeconds: number
  keepAliveMs: number
  maxBodyBytes: number
  basePath: string
  files: { blobs: BlobStore | null; maxBytes: number; maxPerSecret: number }
}

/** Per-request context handed to a route. */
export type RequestContext = {
  req: Request
  url: URL
  deps: Deps
  /** The caller behind the client secret; throws a 401 when there is none. */
  principal(): Promise<Principal>
}
