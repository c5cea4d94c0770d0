import type { Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { API_BASE_PATH } from '@xpert-ai/chatkit-protocol'
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  createChatKitHandler,
  createDemoAgent,
  createOpenAIAgent,
  createOpenAITranscriber,
  DiskBlobStore,
  gracefulShutdown,
  serveNode,
  type Agent,
  type FetchHandler,
  viaTrustedProxy,
} from '@xpert-ai/chatkit-server'
import { loadOrCreateDevKey } from './api-key.js'
import { openBackends } from './backends.js'
import type { AppConfig } from './config.js'
import { loadDemoSite } from './demo-site.js'
import { createFrameHandler, FRAME_PATH } from './frame-static.js'
import { loadAgentModule } from './load-agent.js'
import { loadTranscriberModule } from './load-transcriber.js'
import { createMainSite } from './main-site.js'
import { appObservability } from './observe-app.js'
import { createSdkHandler, sdkBaseUrl, sdkVersion } from './sdk-static.js'

/** `--demo-agent`, else `openai` when configured, else `demo`, else the first agent. */
function demoAgentId(config: AppConfig, agents: readonly Agent[]): string {
  const ids = agents.map((a) => a.id)
  if (config.demoAgent !== null) {
    if (!ids.includes(config.demoAgent)) throw new Error(`--demo-agent: no agent "${config.demoAgent}" (agents: ${ids.join(', ')})`)
    return config.demoAgent
  }
  return config.openai && ids.includes('openai') ? 'openai' : ids.includes('demo') ? 'demo' : ids[0]
}

/** Where the frame build lives: `apps/frame/dist`, found from this file (src/ or dist/ of apps/server). */
const DEFAULT_FRAME_DIR = fileURLToPath(new URL('../../frame/dist/', import.meta.url))

export type RunningApp = {
  /** `listen`: where the main port listens; `api`/`frame`: on `--public-url` when set. */
  urls: { api: string; frame: string; demo: string | null; listen: string; sdk: string; metrics: string | null }
  apiKey: { value: string; note: string }
  notes: string[]
  /** Printed loudly (stderr, `WARNING:`) by the CLI: e.g. a demo site reachable from the network. */
  warnings: string[]
  stop(): Promise<void>
}

/**
 * Starts the self-hosted server: API + frame on `port`, the demo site on `demoPort`. Both ports
 * listen first (port 0 is resolved), because the default allowlist is the demo site's origin.
 */
export async function startApp(config: AppConfig): Promise<RunningApp> {
  const notes: string[] = []
  // The user's agents, each under its own id; then the built-ins whose ids are still free: the
  // demo agent (no network, harmless) and `openai` when an endpoint or key is configured.
  const agents: Agent[] = []
  for (const path of config.agentPaths) agents.push(...(await loadAgentModule(path)))
  const taken = new Set(agents.map((a) => a.id))
  if (taken.size !== agents.length) throw new Error('--agent: two agents use the same id')
  if (!taken.has('demo')) agents.push(createDemoAgent())
  if (config.openai && !taken.has('openai')) agents.push(createOpenAIAgent(config.openai))

  const observe = appObservability(config.observe)
  const t = config.transcribe
  const transcriber = t.modulePath ? await loadTranscriberModule(t.modulePath) : t.openai ? createOpenAITranscriber(t.openai) : null
  notes.push(
    transcriber ? `dictation: transcribed by ${t.modulePath ?? 'an OpenAI-compatible server'}` : 'dictation: off (no --transcribe-url or --transcriber)',
  )

  const backends = await openBackends(config)
  const { store, eventLog } = backends
  notes.push(...backends.notes)
  // On PostgreSQL the data dir holds only the uploads (and a dev key): no store creates it first.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const dirMode = statSync(config.dataDir).mode & 0o777
  if (dirMode & 0o077) notes.push(`the data dir ${config.dataDir} is open to other users (mode ${dirMode.toString(8)}): chmod 700 it`)
  notes.push(`agents: ${agents.map((a) => a.id).join(', ')}`)

  const dev = config.apiKeys.length ? null : loadOrCreateDevKey(config.dataDir)
  const apiKeys = dev ? [dev.key] : config.apiKeys
  const apiKeyNote = dev
    ? dev.created
      ? `generated a development API key in ${dev.path} (mode 600; read it from there)`
      : `using the development API key from ${dev.path}`
    : 'using the API key(s) from --api-key / CHATKIT_API_KEY'

  let main: FetchHandler = async () => new Response('starting', { status: 503 })
  let demo: FetchHandler = async () => new Response('starting', { status: 503 })
  const servers: Server[] = []
  const closers: (() => Promise<void>)[] = []
  try {
    const mainServer = await serveNode((r) => main(r), {
      port: config.port,
      host: config.host,
      maxBodyBytes: config.maxFileBytes + 1024 * 1024,
      trustedProxies: config.trustedProxies,
    })
    servers.push(mainServer.server)
    const demoServer = config.demo ? await serveNode((r) => demo(r), { port: config.demoPort, host: config.host }) : null
    if (demoServer) servers.push(demoServer.server)

    const origins = config.allowedOrigins ?? (demoServer ? [demoServer.url] : [])
    const handler = createChatKitHandler({
      store,
      agents,
      apiKeys,
      allowedOrigins: origins,
      eventLog,
      domainKeys: config.domainKeys,
      ...(backends.runSignals ? { runSignals: backends.runSignals } : {}),
      ...(backends.rateLimiter ? { rateLimiter: backends.rateLimiter } : {}),
      ...(backends.threadLocks ? { threadLocks: backends.threadLocks } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      ...(config.keepAliveMs ? { keepAliveMs: config.keepAliveMs } : {}),
      ...(config.maxStreamsPerSecret ? { maxStreamsPerSecret: config.maxStreamsPerSecret } : {}),
      ...(config.maxRunMs ? { maxRunMs: config.maxRunMs } : {}),
      ...(transcriber ? { transcription: { transcriber, ...(t.maxSeconds ? { maxSeconds: t.maxSeconds } : {}) } } : {}),
      files: { ...config.uploads, blobs: new DiskBlobStore(join(config.dataDir, 'files')), maxBytes: config.maxFileBytes },
      ...observe.handler,
      // The proxies of --trusted-proxies may name a request's id (X-Request-Id); nobody else.
      trustRequestId: viaTrustedProxy,
    })
    const metrics = await observe.serve(() => handler.engine.queuedCount())
    if (metrics) closers.push(metrics.close)
    const publicOrigin = config.publicUrl ?? mainServer.url
    const apiUrl = publicOrigin + API_BASE_PATH
    const frameUrl = publicOrigin + FRAME_PATH
    const frameDir = config.frameDir ?? DEFAULT_FRAME_DIR
    main = createMainSite({
      api: handler,
      sdk: createSdkHandler(),
      frame: createFrameHandler(frameDir, origins, { imageOrigins: config.imageOrigins, apiOrigins: config.apiOrigins }),
      demoUrl: demoServer ? demoServer.url + '/' : null,
      frameUrl,
    })
    if (demoServer) {
      const assistantId = demoAgentId(config, agents)
      notes.push(`the demo site talks to the '${assistantId}' agent`)
      // The demo site mints secrets over loopback; the browser uses the public URLs.
      const site = await loadDemoSite({ apiUrl: mainServer.url + API_BASE_PATH, apiKey: apiKeys[0], assistantId, frameUrl, publicApiUrl: apiUrl })
      demo = site.handler
      if (site.problem) notes.push(site.problem)
    }
    const warnings: string[] = []
    if (demoServer && config.demoPublic) {
      warnings.push(
        `the demo site ${demoServer.url}/ listens on ${config.host}, reachable from the network: it gives a client secret to anyone who opens it (--demo-public). Use --no-demo in production.`,
      )
    }
    if (origins.length === 0) notes.push('no allowed origins: no page can embed the frame (set --allowed-origins)')

    let stopping: Promise<void> | null = null
    return {
      urls: {
        api: apiUrl,
        frame: frameUrl,
        demo: demoServer ? demoServer.url + '/' : null,
        listen: mainServer.url,
        sdk: sdkBaseUrl(publicOrigin, sdkVersion()),
        metrics: metrics?.url ?? null,
      },
      apiKey: { value: apiKeys[0], note: apiKeyNote },
      notes,
      warnings,
      stop: () =>
        (stopping ??= gracefulShutdown({ servers, handler, store, eventLog: backends.logHandle }).finally(() => Promise.all(closers.map((c) => c())))),
    }
  } catch (e) {
    for (const s of servers) s.close()
    await Promise.all(closers.map((c) => c()))
    await backends.close()
    throw e
  }
}
