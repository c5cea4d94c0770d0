import type { OriginPattern } from '@xpert-ai/chatkit-protocol'
import type { AgentRegistry } from './agent/registry.js'
import type { RunSignals } from './engine/run-signals.js'
import type { Principal } from './services/auth.js'
import type { ServiceDeps } from './services/deps.js'
import type { DomainKeys } from './http/domain-keys.js'
import type { FailureThrottle } from './http/failure-throttle.js'
import type { StreamSlots } from './http/stream-slots.js'
import type { TranscriptionSettings } from './config.js'

/** Everything a route needs, built once by `createChatKitHandler`: what services use, and more. */
export type Deps = ServiceDeps & {
  /** Null with one process. */
  signals: RunSignals | null
  agents: AgentRegistry
  apiKeys: readonly string[]
  allowedOrigins: readonly OriginPattern[]
  /** `api.domainKey`s and the page origins each is issued for (`http/domain-keys.ts`). */
  domainKeys: DomainKeys
  secretTtlSeconds: number
  keepAliveMs: number
  maxBodyBytes: number
  /** Dictation: the transcriber and its limits; null when none is configured. */
  transcription: TranscriptionSettings
  /** Failed API-key attempts per source address: logged, and throttled unless turned off. */
  sessionFailures: FailureThrottle
  /** The request's source address (`unknown` when not known). */
  clientAddress(req: Request): string
  onWarning(message: string): void
  /** Where unexpected errors are reported (`config.onError`). */
  onError(message: string, error: unknown): void
  /** Open answer streams per client secret. */
  streams: StreamSlots
}

/** Per-request context handed to a route. */
export type RequestContext = {
  req: Request
  url: URL
  deps: Deps
  /** The caller behind the client secret; throws a 401 when there is none. */
  principal(): Promise<Principal>
}
