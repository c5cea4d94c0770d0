import { API_BASE_PATH, parseOriginList } from '@xpert-ai/chatkit-protocol'
import type { Agent } from './agent/types.js'
import type { RunSignals, ThreadLocks } from './engine/run-signals.js'
import type { RunEventLog } from './events/run-event-log.js'
import type { BlobStore } from './files/blob-store.js'
import type { RateLimitOptions, RequestLimiter } from './http/rate-limit.js'
import type { Store } from './store/types.js'
import type { Clock } from './util/clock.js'

export type ChatKitHandlerConfig = {
  store: Store
  /** Agents by assistant id: a list (each under its own `id`) or a map (each under its key). */
  agents: readonly Agent[] | Record<string, Agent>
  /** Keys accepted by `POST /v1/chatkit/sessions`. At least one. */
  apiKeys: readonly string[]
  /** Origins allowed to call the API from a browser (CORS): exact, `https://*.domain`, or `*`. */
  allowedOrigins?: string | readonly string[]
  /** Default client secret lifetime (s). Default 600. */
  secretTtlSeconds?: number
  /** Path the handler is mounted at. Default `/api/ai`. */
  basePath?: string
  /** Run-event log. Default: in-process. */
  eventLog?: RunEventLog
  /** Cancel requests for runs executing on other replicas. Default: none (one process). */
  runSignals?: RunSignals
  /** One active run per thread across replicas. Default: none (one process). */
  threadLocks?: ThreadLocks
  clock?: Clock
  /** SSE keep-alive comment interval (ms). Default 15 000. */
  keepAliveMs?: number
  /** Save interval of a streaming answer (ms). Default 1 000. */
  persistIntervalMs?: number
  /** JSON body limit (bytes). Default 1 MiB. */
  maxBodyBytes?: number
  /** Uploads (`POST /contexts/file`). Without `blobs` uploads answer 501. */
  files?: {
    blobs?: BlobStore
    /** Largest file (bytes). Default 20 MiB. */
    maxBytes?: number
    /** Files one client secret may upload. Default 100. */
    maxPerSecret?: number
  }
  /** Requests per client secret (token bucket); `false` turns it off. Default 20/s, bursts of 100. */
  rateLimit?: RateLimitOptions | false
  /** Where the buckets live when not in this process (shared by replicas: the Redis one). */
  rateLimiter?: RequestLimiter
  /** Where unexpected errors are reported. Default `console.error`. */
  onError?: (message: string, error: unknown) => void
}

export const DEFAULTS = {
  secretTtlSeconds: 600,
  basePath: API_BASE_PATH,
  keepAliveMs: 15_000,
  persistIntervalMs: 1_000,
  maxBodyBytes: 1024 * 1024,
  maxFileBytes: 20 * 1024 * 1024,
  maxFilesPerSecret: 100,
  rateLimit: { perSecond: 20, burst: 100 },
} as const

/** Checks the config up front: a server must not start half-configured. */
export function checkConfig(c: ChatKitHandlerConfig) {
  if (!c.store) throw new TypeError('createChatKitHandler: `store` is required')
  const keys = (c.apiKeys ?? []).filter((k) => typeof k === 'string' && k.length > 0)
  if (keys.length === 0) throw new TypeError('createChatKitHandler: give at least one API key (`apiKeys`)')
  const short = keys.find((k) => k.length < 16)
  if (short !== undefined) throw new TypeError('createChatKitHandler: API keys must be at least 16 characters')
  const ttl = c.secretTtlSeconds ?? DEFAULTS.secretTtlSeconds
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new TypeError('createChatKitHandler: secretTtlSeconds must be 1..86400')
  const basePath = (c.basePath ?? DEFAULTS.basePath).replace(/\/+$/, '')
  if (basePath !== '' && !basePath.startsWith('/')) throw new TypeError('createChatKitHandler: basePath must start with "/"')
  const agents = Array.isArray(c.agents)
    ? [...(c.agents as Agent[])]
    : Object.entries(c.agents as Record<string, Agent>).map(([id, a]) => ({ ...a, id }))
  return {
    apiKeys: keys,
    allowedOrigins: parseOriginList(c.allowedOrigins ?? []),
    secretTtlSeconds: ttl,
    basePath,
    agents,
    keepAliveMs: c.keepAliveMs ?? DEFAULTS.keepAliveMs,
    persistIntervalMs: c.persistIntervalMs ?? DEFAULTS.persistIntervalMs,
    maxBodyBytes: c.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    files: {
      blobs: c.files?.blobs ?? null,
      maxBytes: positive(c.files?.maxBytes, DEFAULTS.maxFileBytes, 'files.maxBytes'),
      maxPerSecret: positive(c.files?.maxPerSecret, DEFAULTS.maxFilesPerSecret, 'files.maxPerSecret'),
    },
    rateLimit: c.rateLimit === false ? null : (c.rateLimit ?? DEFAULTS.rateLimit),
  }
}

function positive(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback
  if (!Number.isInteger(v) || v < 1) throw new TypeError(`createChatKitHandler: ${name} must be a positive integer`)
  return v
}
