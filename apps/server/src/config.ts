import { isAbsolute, resolve } from 'node:path'
import { isIP } from 'node:net'
import { parseArgs } from 'node:util'
import { parseOriginList, type OriginPattern } from '@xpert-ai/chatkit-protocol'
import { scaleConfig } from './config-scale.js'
import { OBSERVE_OPTIONS, OBSERVE_USAGE, parseObserveConfig, type ObserveAppConfig } from './config-observe.js'
import { parseTranscribeConfig, TRANSCRIBE_OPTIONS, TRANSCRIBE_USAGE, type TranscribeConfig } from './config-transcribe.js'
import { parseUploadConfig, UPLOAD_OPTIONS, UPLOAD_USAGE, type UploadConfig } from './config-uploads.js'
import { parseDomainKeyFlags } from './domain-key-flags.js'

/** Everything the app needs, resolved from flags, then env, then defaults. */
export type AppConfig = {
  host: string
  port: number
  demoPort: number
  demo: boolean
  /** The operator asked for the demo site on a non-loopback host (`--demo-public`). */
  demoPublic: boolean
  dataDir: string
  /** Explicit keys; empty → a dev key is generated and kept in the data dir. */
  apiKeys: string[]
  /** null → the demo site's origin, known once it listens. */
  allowedOrigins: OriginPattern[] | null
  /** Origins agent-authored images may load from, besides the frame's own origin and `data:` (frame CSP `img-src`). */
  imageOrigins: OriginPattern[]
  /** Origins besides this server where the frame may call a ChatKit API (`api.apiUrl` on another origin, an API mounted in your app): its CSP connect-src. */
  apiOrigins: OriginPattern[]
  /** `api.domainKey`s and the page origins each is issued for (`--domain-key`). */
  domainKeys: Record<string, string[]>
  /** User agent modules, each registered under its own id. */
  agentPaths: string[]
  /** The built-in `openai` agent, when OPENAI_BASE_URL or OPENAI_API_KEY is set. */
  openai: { baseUrl?: string; apiKey?: string; model?: string; name?: string; description?: string } | null
  /** Dictation (`POST /api/ai/audio/transcriptions`): the transcriber, if any. */
  transcribe: TranscribeConfig
  /** The agent the demo site talks to; null: `openai` when configured, else `demo`. */
  demoAgent: string | null
  /** The origin browsers reach the server at (behind a proxy), e.g. `https://chat.example.com`; null: from each request. */
  publicUrl: string | null
  /** Peer addresses whose `X-Forwarded-Proto` / `X-Forwarded-Host` are believed. */
  trustedProxies: string[]
  /** Largest upload (bytes). */
  maxFileBytes: number
  /** Per-user quotas, uploads at once, disk quota, orphan sweep (unset: library defaults). */
  uploads: UploadConfig
  frameDir: string | null
  /** SSE keep-alive interval (ms); null: the library default. */
  keepAliveMs: number | null
  /** PostgreSQL store + Redis run-event log (many replicas); null: SQLite in `dataDir`. Both or neither. */
  scale: { databaseUrl: string; redisUrl: string } | null
  /** Open answer streams per client secret; null: the library default (16). */
  maxStreamsPerSecret: number | null
  /** Longest run (ms); null: the library default (15 min). */
  maxRunMs: number | null
  /** Metrics listener, log format, tracing. */
  observe: ObserveAppConfig
}

/** A configuration mistake: printed as is, exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const USAGE = `Usage: chatkit-server [options]

  --port <n>              API + frame port (PORT, default 8787; 0 picks a free port)
  --demo-port <n>         demo host site port (DEMO_PORT, default 8788)
  --host <ip>             interface to listen on (default 127.0.0.1)
  --data-dir <dir>        SQLite database and dev API key (CHATKIT_DATA_DIR, default ./data)
  --api-key <k1,k2>       keys for POST /api/ai/v1/chatkit/sessions (CHATKIT_API_KEY)
  --allowed-origins <l>   origins that may embed the frame (CHATKIT_ALLOWED_ORIGINS,
                          default http://127.0.0.1:<demo port>); exact or https://*.domain
  --api-origins <l>       origins besides this server where the frame may call a ChatKit API
                          mounted in your own app, e.g. Next.js (CHATKIT_API_ORIGINS)
  --domain-key <k>=<l>    an api.domainKey and the page origins it is for; repeatable
                          (CHATKIT_DOMAIN_KEYS="k1=https://a.example;k2=https://b.example")
  --dev-allow-any-origin  allow '*' in the origin list (CHATKIT_DEV_ALLOW_ANY_ORIGIN=1)
  --image-origins <l>     origins agent-authored images load from (CHATKIT_IMAGE_ORIGINS,
                          default none: only the frame's origin and data: images); others
                          are a link the user may open in a new tab
  --agent <module>        your agent module (default export: an agent or an array of agents),
                          each registered under its id; repeat for several modules
                          (CHATKIT_AGENT, comma-separated)
  --demo-agent <id>       the agent the demo site talks to (CHATKIT_DEMO_AGENT, default
                          'openai' when configured, else 'demo')
  --public-url <url>      the origin browsers use to reach this server behind a proxy
                          (CHATKIT_PUBLIC_URL, e.g. https://chat.example.com); file URLs
                          and printed URLs use it
  --trusted-proxies <l>   proxy addresses whose X-Forwarded-For/-Proto/-Host are honoured
                          (CHATKIT_TRUSTED_PROXIES, comma-separated IPs; default none): the
                          client address (API-key throttle, logs) is then the last
                          X-Forwarded-For hop, file URLs use the forwarded scheme and host
  --max-file-mb <n>       largest upload in MB (CHATKIT_MAX_FILE_MB, default 20)
  --database-url <url>    PostgreSQL store, postgres://user:pass@host:5432/db (CHATKIT_DATABASE_URL);
                          needs --redis-url; neither: SQLite in the data dir
  --redis-url <url>       Redis run-event log, redis://host:6379 (CHATKIT_REDIS_URL); needs --database-url
  --max-streams-per-secret <n>  answer streams one client secret may hold open
                          (CHATKIT_MAX_STREAMS_PER_SECRET, default 16; past it 429 too_many_streams)
  --max-run-seconds <n>   longest an answer may run, then it stops with run_timeout
                          (CHATKIT_MAX_RUN_SECONDS, default 900)
${UPLOAD_USAGE}
${OBSERVE_USAGE}
  CHATKIT_KEEP_ALIVE_MS   SSE keep-alive interval in ms (default 15000)
  OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL  register the built-in 'openai' agent
  OPENAI_AGENT_NAME / OPENAI_AGENT_DESCRIPTION     what end users see of it (default 'Assistant',
                          no description: never the endpoint or model)
${TRANSCRIBE_USAGE}
  --no-demo               do not serve the demo site (the demo agent stays available)
  --demo-public           serve the demo site on a non-loopback --host anyway (CHATKIT_DEMO_PUBLIC=1);
                          without it such a host refuses to start with the demo on
  --help`

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        'demo-port': { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'api-key': { type: 'string' },
        'allowed-origins': { type: 'string' },
        'dev-allow-any-origin': { type: 'boolean' },
        'image-origins': { type: 'string' },
        'api-origins': { type: 'string' },
        agent: { type: 'string', multiple: true },
        'domain-key': { type: 'string', multiple: true },
        'max-file-mb': { type: 'string' },
        ...UPLOAD_OPTIONS,
        ...OBSERVE_OPTIONS,
        ...TRANSCRIBE_OPTIONS,
        'demo-agent': { type: 'string' },
        'public-url': { type: 'string' },
        'trusted-proxies': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'database-url': { type: 'string' },
        'redis-url': { type: 'string' },
        'demo-public': { type: 'boolean' },
        'max-streams-per-secret': { type: 'string' },
        'max-run-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n\n${USAGE}`)
  }
}

export function parseAppConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): AppConfig | 'help' {
  const values = parseFlags(argv)
  if (values.help) return 'help'
  const pick = (flag: string | undefined, name: string) => flag ?? (env[name] !== undefined && env[name] !== '' ? env[name] : undefined)
  const anyOrigin = values['dev-allow-any-origin'] === true || env.CHATKIT_DEV_ALLOW_ANY_ORIGIN === '1'
  const originsRaw = pick(values['allowed-origins'], 'CHATKIT_ALLOWED_ORIGINS')
  let allowedOrigins: OriginPattern[] | null = null
  if (originsRaw !== undefined) {
    try {
      allowedOrigins = parseOriginList(originsRaw)
    } catch (e) {
      throw new ConfigError(`--allowed-origins / CHATKIT_ALLOWED_ORIGINS: ${(e as Error).message}`)
    }
    if (allowedOrigins.includes('*') && !anyOrigin) {
      throw new ConfigError(
        "--allowed-origins: '*' lets any website embed the chat and call the API. It is for development only: " +
          'add --dev-allow-any-origin (or CHATKIT_DEV_ALLOW_ANY_ORIGIN=1), or list the origins.',
      )
    }
  }
  const imageOrigins = parseFetchOrigins(
    pick(values['image-origins'], 'CHATKIT_IMAGE_ORIGINS'),
    '--image-origins / CHATKIT_IMAGE_ORIGINS',
    'any answer make the browser fetch any URL (and leak the conversation in it); list the origins images may come from',
  )
  const apiOrigins = parseFetchOrigins(
    pick(values['api-origins'], 'CHATKIT_API_ORIGINS'),
    '--api-origins / CHATKIT_API_ORIGINS',
    'the frame send the session secret anywhere; list the origins of your API',
  )
  const keys = (pick(values['api-key'], 'CHATKIT_API_KEY') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  const short = keys.find((k) => k.length < 16)
  if (short !== undefined) throw new ConfigError('--api-key / CHATKIT_API_KEY: each key must be at least 16 characters')
  const agents = (values.agent?.length ? values.agent : (env.CHATKIT_AGENT ?? '').split(',')).map((a) => a.trim()).filter(Boolean)
  const fileMb = pick(values['max-file-mb'], 'CHATKIT_MAX_FILE_MB') ?? '20'
  if (!/^\d{1,4}$/.test(fileMb) || Number(fileMb) < 1)
    throw new ConfigError(`--max-file-mb / CHATKIT_MAX_FILE_MB: expected a whole number of MB from 1, got "${fileMb}"`)
  const frameDir = env.CHATKIT_FRAME_DIR || null
  const keepAlive = env.CHATKIT_KEEP_ALIVE_MS || null
  if (keepAlive !== null && (!/^\d{2,6}$/.test(keepAlive) || Number(keepAlive) < 100)) {
    throw new ConfigError(`CHATKIT_KEEP_ALIVE_MS: expected milliseconds from 100 to 999999, got "${keepAlive}"`)
  }
  const scale = scaleConfig(pick(values['database-url'], 'CHATKIT_DATABASE_URL'), pick(values['redis-url'], 'CHATKIT_REDIS_URL'))
  const host = pick(values.host, 'HOST') ?? '127.0.0.1'
  const demo = values['no-demo'] !== true
  const demoPublic = values['demo-public'] === true || env.CHATKIT_DEMO_PUBLIC === '1'
  if (demo && !demoPublic && !isLoopback(host)) {
    throw new ConfigError(
      `--host ${host} is not loopback and the demo site gives a client secret to anyone who opens it: add --no-demo, or --demo-public (CHATKIT_DEMO_PUBLIC=1) to expose the demo on purpose`,
    )
  }
  return {
    scale,
    host,
    port: port(pick(values.port, 'PORT'), '--port / PORT', 8787),
    demoPort: port(pick(values['demo-port'], 'DEMO_PORT'), '--demo-port / DEMO_PORT', 8788),
    demo,
    demoPublic: demo && demoPublic,
    dataDir: resolve(cwd, pick(values['data-dir'], 'CHATKIT_DATA_DIR') ?? './data'),
    apiKeys: keys,
    allowedOrigins,
    imageOrigins,
    apiOrigins,
    domainKeys: parseDomainKeyFlags(values['domain-key'], env.CHATKIT_DOMAIN_KEYS, (m) => new ConfigError(m)),
    agentPaths: agents.map((a) => resolve(cwd, a)),
    maxFileBytes: Number(fileMb) * 1024 * 1024,
    uploads: parseUploadConfig(values, env, (m) => new ConfigError(m)),
    demoAgent: pick(values['demo-agent'], 'CHATKIT_DEMO_AGENT') ?? null,
    publicUrl: parsePublicUrl(pick(values['public-url'], 'CHATKIT_PUBLIC_URL')),
    trustedProxies: parseProxies(pick(values['trusted-proxies'], 'CHATKIT_TRUSTED_PROXIES')),
    openai:
      env.OPENAI_BASE_URL || env.OPENAI_API_KEY
        ? {
            baseUrl: env.OPENAI_BASE_URL || undefined,
            apiKey: env.OPENAI_API_KEY || undefined,
            model: env.OPENAI_MODEL || undefined,
            name: env.OPENAI_AGENT_NAME || undefined,
            description: env.OPENAI_AGENT_DESCRIPTION || undefined,
          }
        : null,
    transcribe: parseTranscribeConfig(values, env, (p) => resolve(cwd, p)),
    frameDir: frameDir ? (isAbsolute(frameDir) ? frameDir : resolve(cwd, frameDir)) : null,
    keepAliveMs: keepAlive === null ? null : Number(keepAlive),
    maxStreamsPerSecret: count(
      pick(values['max-streams-per-secret'], 'CHATKIT_MAX_STREAMS_PER_SECRET'),
      '--max-streams-per-secret / CHATKIT_MAX_STREAMS_PER_SECRET',
      1000,
    ),
    maxRunMs: seconds(pick(values['max-run-seconds'], 'CHATKIT_MAX_RUN_SECONDS')),
    observe: parseObserveConfig(values, env, isLoopback, (m) => new ConfigError(m)),
  }
}

/** `--image-origins` / `--api-origins`: exact or wildcard-subdomain origins the frame may fetch from; never `*`. */
function parseFetchOrigins(raw: string | undefined, name: string, starWould: string): OriginPattern[] {
  let list: OriginPattern[]
  try {
    list = parseOriginList(raw ?? '')
  } catch (e) {
    throw new ConfigError(`${name}: ${(e as Error).message}`)
  }
  if (list.includes('*')) throw new ConfigError(`${name}: '*' would let ${starWould}`)
  return list
}

/** A whole number from 1 to `max`, or null when not given. */
function count(raw: string | undefined, name: string, max: number): number | null {
  if (raw === undefined) return null
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new ConfigError(`${name}: expected a whole number from 1 to ${max}, got "${raw}"`)
  return Number(raw)
}

function seconds(raw: string | undefined): number | null {
  const n = count(raw, '--max-run-seconds / CHATKIT_MAX_RUN_SECONDS', 86_400)
  return n === null ? null : n * 1000
}

/** `--public-url`: an http(s) origin (a path is refused: the server's paths are fixed). */
function parsePublicUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw new ConfigError(`--public-url / CHATKIT_PUBLIC_URL: "${raw}" is not a URL; expected an origin such as https://chat.example.com`)
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username) {
    throw new ConfigError(`--public-url / CHATKIT_PUBLIC_URL: expected an origin such as https://chat.example.com (no path), got "${raw}"`)
  }
  return u.origin
}

/** `--trusted-proxies`: IP addresses (v4 or v6) of the proxies in front of this server. */
function parseProxies(raw: string | undefined): string[] {
  const list = (raw ?? '').split(/[\s,]+/).filter(Boolean)
  const bad = list.find((a) => isIP(a) === 0)
  if (bad !== undefined) throw new ConfigError(`--trusted-proxies / CHATKIT_TRUSTED_PROXIES: "${bad}" is not an IP address`)
  return list
}

function port(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^\d{1,5}$/.test(raw) || n > 65535) throw new ConfigError(`${name}: expected a port number 0..65535, got "${raw}"`)
  return n
}

/** True for hosts only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h)
}
