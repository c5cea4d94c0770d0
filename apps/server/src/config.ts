import { isAbsolute, resolve } from 'node:path'
import { isIP } from 'node:net'
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
  /** Origins agent-authored images may load from, besides the frame's own origin and `data:` (frame CSP `img-src`). */
  imageOrigins: OriginPattern[]
  /** User agent modules, each registered under its own id. */
  agentPaths: string[]
  /** The built-in `openai` agent, when OPENAI_BASE_URL or OPENAI_API_KEY is set. */
  openai: { baseUrl?: string; apiKey?: string; model?: string } | null
  /** The agent the demo site talks to; null: `openai` when configured, else `demo`. */
  demoAgent: string | null
  /** The origin browsers reach the server at (behind a proxy), e.g. `https://chat.example.com`; null: from each request. */
  publicUrl: string | null
  /** Peer addresses whose `X-Forwarded-Proto` / `X-Forwarded-Host` are believed. */
  trustedProxies: string[]
  /** Largest upload (bytes). */
  maxFileBytes: number
  frameDir: string | null
  /** SSE keep-alive interval (ms); null: the library default. */
  keepAliveMs: number | null
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
  --image-origins <l>     origins agent-authored images load from (CHATKIT_IMAGE_ORIGINS,
                          default none: only the frame's origin and data: images); others
                          are a link the user may open in a new tab
  --agent <module>        your agent module, registered under its id; repeat for several
                          (CHATKIT_AGENT, comma-separated)
  --demo-agent <id>       the agent the demo site talks to (CHATKIT_DEMO_AGENT, default
                          'openai' when configured, else 'demo')
  --public-url <url>      the origin browsers use to reach this server behind a proxy
                          (CHATKIT_PUBLIC_URL, e.g. https://chat.example.com); file URLs
                          and printed URLs use it
  --trusted-proxies <l>   proxy addresses whose X-Forwarded-Proto/-Host are honoured
                          (CHATKIT_TRUSTED_PROXIES, comma-separated IPs; default none)
  --max-file-mb <n>       largest upload in MB (CHATKIT_MAX_FILE_MB, default 20)
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
        'image-origins': { type: 'string' },
        agent: { type: 'string', multiple: true },
        'max-file-mb': { type: 'string' },
        'demo-agent': { type: 'string' },
        'public-url': { type: 'string' },
        'trusted-proxies': { type: 'string' },
        'no-demo': { type: 'boolean' },
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
  const imageOrigins = parseImageOrigins(pick(values['image-origins'], 'CHATKIT_IMAGE_ORIGINS'))
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
  return {
    host: pick(values.host, 'HOST') ?? '127.0.0.1',
    port: port(pick(values.port, 'PORT'), '--port / PORT', 8787),
    demoPort: port(pick(values['demo-port'], 'DEMO_PORT'), '--demo-port / DEMO_PORT', 8788),
    demo: values['no-demo'] !== true,
    dataDir: resolve(cwd, pick(values['data-dir'], 'CHATKIT_DATA_DIR') ?? './data'),
    apiKeys: keys,
    allowedOrigins,
    imageOrigins,
    agentPaths: agents.map((a) => resolve(cwd, a)),
    maxFileBytes: Number(fileMb) * 1024 * 1024,
    demoAgent: pick(values['demo-agent'], 'CHATKIT_DEMO_AGENT') ?? null,
    publicUrl: parsePublicUrl(pick(values['public-url'], 'CHATKIT_PUBLIC_URL')),
    trustedProxies: parseProxies(pick(values['trusted-proxies'], 'CHATKIT_TRUSTED_PROXIES')),
    openai:
      env.OPENAI_BASE_URL || env.OPENAI_API_KEY
        ? { baseUrl: env.OPENAI_BASE_URL || undefined, apiKey: env.OPENAI_API_KEY || undefined, model: env.OPENAI_MODEL || undefined }
        : null,
    frameDir: frameDir ? (isAbsolute(frameDir) ? frameDir : resolve(cwd, frameDir)) : null,
    keepAliveMs: keepAlive === null ? null : Number(keepAlive),
  }
}

/** `--image-origins`: exact or wildcard-subdomain origins; never `*`, which would let any answer fetch anywhere. */
function parseImageOrigins(raw: string | undefined): OriginPattern[] {
  let list: OriginPattern[]
  try {
    list = parseOriginList(raw ?? '')
  } catch (e) {
    throw new ConfigError(`--image-origins / CHATKIT_IMAGE_ORIGINS: ${(e as Error).message}`)
  }
  if (list.includes('*')) {
    throw new ConfigError("--image-origins / CHATKIT_IMAGE_ORIGINS: '*' would let any answer make the browser fetch any URL (and leak the conversation in it); list the origins images may come from")
  }
  return list
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
