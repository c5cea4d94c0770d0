import { isAbsolute, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseOriginList, type OriginPattern } from '@xpert-ai/chatkit-protocol'

/** Everything the app needs, resolved from flags, then env, then defaults. */
export type AppConfig = {
  host: string
  port: number
  demoPort: number
  demo: boolean
  dataDir: string
  /** Explicit keys; empty → a dev key is generated and kept in the data dir. */
  apiKeys: string[]
  /** null → the demo site's origin, known once it listens. */
  allowedOrigins: OriginPattern[] | null
  /** User agent modules, each registered under its own id. */
  agentPaths: string[]
  /** The built-in `openai` agent, when OPENAI_BASE_URL or OPENAI_API_KEY is set. */
  openai: { baseUrl?: string; apiKey?: string; model?: string } | null
  /** Largest upload (bytes). */
  maxFileBytes: number
  frameDir: string | null
  /** SSE keep-alive interval (ms); null: the library default. */
  keepAliveMs: number | null
  /** PostgreSQL store + Redis run-event log (many replicas); null: SQLite in `dataDir`. Both or neither. */
  scale: { databaseUrl: string; redisUrl: string } | null
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
  --dev-allow-any-origin  allow '*' in the origin list (CHATKIT_DEV_ALLOW_ANY_ORIGIN=1)
  --agent <module>        your agent module, registered under its id; repeat for several
                          (CHATKIT_AGENT, comma-separated)
  --max-file-mb <n>       largest upload in MB (CHATKIT_MAX_FILE_MB, default 20)
  --database-url <url>    PostgreSQL store, postgres://user:pass@host:5432/db (CHATKIT_DATABASE_URL);
                          needs --redis-url; neither: SQLite in the data dir
  --redis-url <url>       Redis run-event log, redis://host:6379 (CHATKIT_REDIS_URL); needs --database-url
  CHATKIT_KEEP_ALIVE_MS   SSE keep-alive interval in ms (default 15000)
  OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL  register the built-in 'openai' agent
  --no-demo               do not serve the demo site (the demo agent stays available)
  --help`

export function parseAppConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): AppConfig | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
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
        agent: { type: 'string', multiple: true },
        'max-file-mb': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'database-url': { type: 'string' },
        'redis-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n\n${USAGE}`)
  }
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
  const keys = (pick(values['api-key'], 'CHATKIT_API_KEY') ?? '').split(',').map((k) => k.trim()).filter(Boolean)
  const short = keys.find((k) => k.length < 16)
  if (short !== undefined) throw new ConfigError('--api-key / CHATKIT_API_KEY: each key must be at least 16 characters')
  const agents = (values.agent?.length ? values.agent : (env.CHATKIT_AGENT ?? '').split(','))
    .map((a) => a.trim())
    .filter(Boolean)
  const fileMb = pick(values['max-file-mb'], 'CHATKIT_MAX_FILE_MB') ?? '20'
  if (!/^\d{1,4}$/.test(fileMb) || Number(fileMb) < 1) throw new ConfigError(`--max-file-mb / CHATKIT_MAX_FILE_MB: expected a whole number of MB from 1, got "${fileMb}"`)
  const frameDir = env.CHATKIT_FRAME_DIR || null
  const keepAlive = env.CHATKIT_KEEP_ALIVE_MS || null
  if (keepAlive !== null && (!/^\d{2,6}$/.test(keepAlive) || Number(keepAlive) < 100)) {
    throw new ConfigError(`CHATKIT_KEEP_ALIVE_MS: expected milliseconds from 100 to 999999, got "${keepAlive}"`)
  }
  const scale = scaleConfig(pick(values['database-url'], 'CHATKIT_DATABASE_URL'), pick(values['redis-url'], 'CHATKIT_REDIS_URL'))
  return {
    scale,
    host: pick(values.host, 'HOST') ?? '127.0.0.1',
    port: port(pick(values.port, 'PORT'), '--port / PORT', 8787),
    demoPort: port(pick(values['demo-port'], 'DEMO_PORT'), '--demo-port / DEMO_PORT', 8788),
    demo: values['no-demo'] !== true,
    dataDir: resolve(cwd, pick(values['data-dir'], 'CHATKIT_DATA_DIR') ?? './data'),
    apiKeys: keys,
    allowedOrigins,
    agentPaths: agents.map((a) => resolve(cwd, a)),
    maxFileBytes: Number(fileMb) * 1024 * 1024,
    openai:
      env.OPENAI_BASE_URL || env.OPENAI_API_KEY
        ? { baseUrl: env.OPENAI_BASE_URL || undefined, apiKey: env.OPENAI_API_KEY || undefined, model: env.OPENAI_MODEL || undefined }
        : null,
    frameDir: frameDir ? (isAbsolute(frameDir) ? frameDir : resolve(cwd, frameDir)) : null,
    keepAliveMs: keepAlive === null ? null : Number(keepAlive),
  }
}

/**
 * Both URLs, or neither. PostgreSQL alone would keep run events in one process (no rejoin through
 * another replica) and Redis alone would split a run's state between a local SQLite file and a
 * shared log: neither is a setup that works on more than one machine, so both are refused.
 */
function scaleConfig(db: string | undefined, redis: string | undefined): AppConfig['scale'] {
  if (db === undefined && redis === undefined) return null
  if (db === undefined) throw new ConfigError('--redis-url / CHATKIT_REDIS_URL needs --database-url / CHATKIT_DATABASE_URL too (Redis holds run events; the conversations need PostgreSQL)')
  if (redis === undefined) throw new ConfigError('--database-url / CHATKIT_DATABASE_URL needs --redis-url / CHATKIT_REDIS_URL too (run events must be shared between replicas)')
  if (!/^postgres(ql)?:\/\/[^/]/.test(db)) throw new ConfigError(`--database-url / CHATKIT_DATABASE_URL: expected postgres://user:password@host:port/database, got "${redact(db)}"`)
  if (!/^rediss?:\/\/[^/]/.test(redis)) throw new ConfigError(`--redis-url / CHATKIT_REDIS_URL: expected redis://host:port, got "${redact(redis)}"`)
  return { databaseUrl: db, redisUrl: redis }
}

/** A URL as it may be printed: without its password. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@').slice(0, 200)
}

function port(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^\d{1,5}$/.test(raw) || n > 65535) throw new ConfigError(`${name}: expected a port number 0..65535, got "${raw}"`)
  return n
}
