import { API_BASE_PATH, DICTATION_MAX_SECONDS, parseOriginList } from '@xpert-ai/chatkit-protocol'
import { parseDomainKeys } from './http/domain-keys.js'
import type { Tracer } from '@opentelemetry/api'
import type { Agent } from './agent/types.js'
import type { Logger } from './observe/logger.js'
import type { ChatKitMetricsSink } from './observe/observer.js'
import type { RunSignals, ThreadLocks } from './engine/run-signals.js'
import type { RunEventLog } from './events/run-event-log.js'
import type { BlobStore } from './files/blob-store.js'
import type { RateLimitOptions, RequestLimiter } from './http/rate-limit.js'
import type { Store } from './store/types.js'
import { isTranscriber, type Transcriber } from './transcribe/types.js'
import type { Clock } from './util/clock.js'

export type ChatKitHandlerConfig = {
  store: Store
  /** Agents by assistant id: a list (each under its own `id`) or a map (each under its key). */
  agents: readonly Agent[] | Record<string, Agent>
  /** Keys accepted by `POST /v1/chatkit/sessions`. At least one. */
  apiKeys: readonly string[]
  /** Origins allowed to call the API from a browser (CORS): exact, `https://*.domain`, or `*`. */
  allowedOrigins?: string | readonly string[]
  /**
   * Domain keys (`api.domainKey`) and the page origins each is issued for. A request carrying
   * `x-chatkit-domain-key` is refused (403 `domain_key_refused`) when the key is unknown or the
   * embedding page's origin is not one of its own. See SECURITY.md, "Domain keys".
   */
  domainKeys?: Record<string, string | readonly string[]>
  /** Default client secret lifetime (s). Default 600. */
  secretTtlSeconds?: number
  /**
   * The origin browsers reach this server at when it sits behind a proxy (`https://chat.example.com`).
   * URLs the API builds (file URLs) use it; without it they use the request's own URL.
   */
  publicUrl?: string
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
    /** Files one user (assistant + user id, across all their client secrets) may keep. Default 100. */
    maxFilesPerUser?: number
    /** Bytes one user may keep. Default 500 MiB. */
    maxBytesPerUser?: number
    /** Uploads one user may have in progress at once (429 `upload_concurrency` past it). Default 4. */
    maxConcurrentPerUser?: number
    /** Bytes all uploads together may take on the server (507 `storage_full` past it). Default: no limit. */
    diskQuotaBytes?: number
    /** An upload still in progress after this long is cut (408) and its reservation freed. Default 15 min. */
    uploadTimeoutMs?: number
    /** Files attached to no conversation are deleted once this old. Default 24 h. */
    orphanGraceMs?: number
    /** How often the file sweep runs (it also runs when the handler is created); 0: only then. Default 10 min. */
    sweepIntervalMs?: number
  }
  /**
   * Dictation (`POST /audio/transcriptions`): the transcriber recordings go to. Without it that
   * route answers 501 `transcription_disabled`.
   */
  transcription?: {
    /** `createOpenAITranscriber({ baseUrl, apiKey, model })` or your own `{ transcribe(input) }`. */
    transcriber: Transcriber
    /** Longest recording (s), 1..120 (the frame stops recording at 120 s). Past it 413 `audio_too_long`. Default 120. */
    maxSeconds?: number
    /** Largest recording (bytes). Past it 413 `audio_too_large`. Default 4 MiB (120 s of 16 kHz mono 16-bit PCM is 3.84 MB). */
    maxBytes?: number
    /** Longest a transcription may take (ms); past it 504 `transcription_timeout`. Default 60 000. */
    timeoutMs?: number
  }
  /** Answer streams (SSE: new runs and rejoins) one client secret may hold open at once; past it `429 too_many_streams`. `false`: no cap. Default 16. */
  maxStreamsPerSecret?: number | false
  /** Longest a run may take (ms); past it the run is stopped and ends as `error` with code `run_timeout`. `false`: no limit. Default 15 minutes. */
  maxRunMs?: number | false
  /** Requests per client secret (token bucket); `false` turns it off. Default 20/s, bursts of 100. */
  rateLimit?: RateLimitOptions | false
  /** Where the buckets live when not in this process (shared by replicas: the Redis one). */
  rateLimiter?: RequestLimiter
  /**
   * Failed API-key attempts on `POST /v1/chatkit/sessions` per source address (token bucket):
   * past it that source gets `429 too_many_failed_attempts` without its key being checked.
   * `false` turns it off. Default 10 failures, then one per 10 s.
   */
  sessionFailureLimit?: RateLimitOptions | false
  /**
   * The source address of a request, for `sessionFailureLimit` and its log lines. Default: the
   * socket's peer address (`serveNode` / `toNodeListener`), else `unknown`; so is a null answer.
   * Behind a reverse proxy return the address your proxy sets (e.g. the last hop of `X-Forwarded-For`).
   */
  clientAddress?: (req: Request) => string | null | undefined
  /** Where unexpected errors (and failed agent runs, under their reference) are reported. Default `console.error`. */
  onError?: (message: string, error: unknown) => void
  /** Where security events are reported (refused API keys, throttled sources). Default `console.warn`. */
  onWarning?: (message: string) => void
  /**
   * Structured log: one event per request (`request`, with status and duration), per run (`run
   * started`, `run ended`), and each warning and error, each with the request id and run id it
   * belongs to. When set, `onError` and `onWarning` default to it. Default: none.
   */
  logger?: Logger
  /**
   * Metrics hooks (apps/server implements them with `prom-client`). Default: none, and nothing
   * is measured.
   */
  metrics?: ChatKitMetricsSink
  /**
   * An OpenTelemetry tracer (`trace.getTracer('chatkit')` once your SDK is registered): each
   * request, run, agent, tool call, store operation and event-log append becomes a span.
   * Default: none, and no span is ever created.
   */
  tracer?: Tracer
  /**
   * Which requests may name their own id in `X-Request-Id` (from a proxy of yours that sets it);
   * others get a new one. Default: none.
   */
  trustRequestId?: (req: Request) => boolean
}

export const DEFAULTS = {
  secretTtlSeconds: 600,
  basePath: API_BASE_PATH,
  keepAliveMs: 15_000,
  persistIntervalMs: 1_000,
  maxBodyBytes: 1024 * 1024,
  maxFileBytes: 20 * 1024 * 1024,
  maxFilesPerUser: 100,
  maxBytesPerUser: 500 * 1024 * 1024,
  maxConcurrentUploadsPerUser: 4,
  uploadTimeoutMs: 15 * 60_000,
  orphanGraceMs: 24 * 3_600_000,
  fileSweepIntervalMs: 10 * 60_000,
  rateLimit: { perSecond: 20, burst: 100 },
  sessionFailureLimit: { perSecond: 0.1, burst: 10 },
  maxStreamsPerSecret: 16,
  maxRunMs: 15 * 60_000,
  transcriptionMaxSeconds: DICTATION_MAX_SECONDS,
  transcriptionMaxBytes: 4 * 1024 * 1024,
  transcriptionTimeoutMs: 60_000,
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
  const agents = Array.isArray(c.agents) ? [...(c.agents as Agent[])] : Object.entries(c.agents as Record<string, Agent>).map(([id, a]) => ({ ...a, id }))
  return {
    apiKeys: keys,
    allowedOrigins: parseOriginList(c.allowedOrigins ?? []),
    domainKeys: parseDomainKeys(c.domainKeys),
    secretTtlSeconds: ttl,
    basePath,
    publicOrigin: publicOrigin(c.publicUrl),
    agents,
    keepAliveMs: c.keepAliveMs ?? DEFAULTS.keepAliveMs,
    persistIntervalMs: c.persistIntervalMs ?? DEFAULTS.persistIntervalMs,
    maxBodyBytes: c.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    files: checkFiles(c.files ?? {}),
    transcription: checkTranscription(c.transcription),
    rateLimit: c.rateLimit === false ? null : (c.rateLimit ?? DEFAULTS.rateLimit),
    maxStreamsPerSecret: c.maxStreamsPerSecret === false ? null : positive(c.maxStreamsPerSecret, DEFAULTS.maxStreamsPerSecret, 'maxStreamsPerSecret'),
    maxRunMs: c.maxRunMs === false ? null : positive(c.maxRunMs, DEFAULTS.maxRunMs, 'maxRunMs'),
    sessionFailureLimit: c.sessionFailureLimit === false ? null : (c.sessionFailureLimit ?? DEFAULTS.sessionFailureLimit),
  }
}

function checkFiles(f: NonNullable<ChatKitHandlerConfig['files']>) {
  if ('maxPerSecret' in f) throw new TypeError('createChatKitHandler: files.maxPerSecret is gone; quotas are per user now (files.maxFilesPerUser)')
  const maxBytes = positive(f.maxBytes, DEFAULTS.maxFileBytes, 'files.maxBytes')
  return {
    blobs: f.blobs ?? null,
    maxBytes,
    quota: {
      maxFiles: positive(f.maxFilesPerUser, DEFAULTS.maxFilesPerUser, 'files.maxFilesPerUser'),
      maxBytes: positive(f.maxBytesPerUser, DEFAULTS.maxBytesPerUser, 'files.maxBytesPerUser'),
      maxConcurrent: positive(f.maxConcurrentPerUser, DEFAULTS.maxConcurrentUploadsPerUser, 'files.maxConcurrentPerUser'),
      diskBytes: f.diskQuotaBytes === undefined ? null : positive(f.diskQuotaBytes, 0, 'files.diskQuotaBytes'),
    },
    uploadTimeoutMs: positive(f.uploadTimeoutMs, DEFAULTS.uploadTimeoutMs, 'files.uploadTimeoutMs'),
    orphanGraceMs: positive(f.orphanGraceMs, DEFAULTS.orphanGraceMs, 'files.orphanGraceMs'),
    sweepIntervalMs: f.sweepIntervalMs === 0 ? 0 : positive(f.sweepIntervalMs, DEFAULTS.fileSweepIntervalMs, 'files.sweepIntervalMs'),
  }
}

function checkTranscription(t: ChatKitHandlerConfig['transcription']) {
  if (t === undefined) return null
  if (!isTranscriber(t?.transcriber)) throw new TypeError('createChatKitHandler: transcription.transcriber must be an object with a transcribe(input) method')
  const maxSeconds = positive(t.maxSeconds, DEFAULTS.transcriptionMaxSeconds, 'transcription.maxSeconds')
  if (maxSeconds > DEFAULTS.transcriptionMaxSeconds)
    throw new TypeError(
      `createChatKitHandler: transcription.maxSeconds must be 1..${DEFAULTS.transcriptionMaxSeconds} (the frame stops recording at ${DEFAULTS.transcriptionMaxSeconds} s)`,
    )
  return {
    transcriber: t.transcriber,
    maxSeconds,
    maxBytes: positive(t.maxBytes, DEFAULTS.transcriptionMaxBytes, 'transcription.maxBytes'),
    timeoutMs: positive(t.timeoutMs, DEFAULTS.transcriptionTimeoutMs, 'transcription.timeoutMs'),
  }
}

/** The dictation settings, checked (null: no transcriber). */
export type TranscriptionSettings = ReturnType<typeof checkTranscription>

/** The upload settings routes and the sweep use, checked. */
export type FileSettings = ReturnType<typeof checkFiles>

function publicOrigin(raw: string | undefined): string | null {
  if (raw === undefined) return null
  const u = URL.canParse(raw) ? new URL(raw) : null
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) throw new TypeError(`createChatKitHandler: publicUrl must be an http(s) URL, got "${raw}"`)
  return u.origin
}

function positive(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback
  if (!Number.isInteger(v) || v < 1) throw new TypeError(`createChatKitHandler: ${name} must be a positive integer`)
  return v
}
