import type { Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { API_BASE_PATH } from '@xpert-ai/chatkit-protocol'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import {
  createChatKitHandler,
  createDemoAgent,
  createOpenAIAgent,
  DiskBlobStore,
  SqliteRunEventLog,
  gracefulShutdown,
  serveNode,
  SqliteStore,
  type Agent,
  type FetchHandler,
} from '@xpert-ai/chatkit-server'
import { loadOrCreateDevKey } from './api-key.js'
import type { AppConfig } from './config.js'
import { loadDemoSite } from './demo-site.js'
import { createFrameHandler, FRAME_PATH } from './frame-static.js'
import { loadAgentModule } from './load-agent.js'
import { createMainSite } from './main-site.js'

/**
 * The address the reverse proxy saw: the last `X-Forwarded-For` hop (the one the proxy itself
 * appended; earlier hops are whatever the client wrote). Null without the header.
 */
export function forwardedFor(req: Request): string | null {
  const hops = req.headers.get('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean)
  return hops?.length ? hops[hops.length - 1]! : null
}

/** Where the frame build lives: `apps/frame/dist`, found from this file (src/ or dist/ of apps/server). */
export const DEFAULT_FRAME_DIR = fileURLToPath(new URL('../../frame/dist/', import.meta.url))

export type RunningApp = {
  urls: { api: string; frame: string; demo: string | null }
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
  for (const path of config.agentPaths) agents.push(await loadAgentModule(path))
  const taken = new Set(agents.map((a) => a.id))
  if (taken.size !== agents.length) throw new Error('--agent: two agent modules use the same id')
  if (!taken.has('demo')) agents.push(createDemoAgent())
  if (config.openai && !taken.has('openai')) agents.push(createOpenAIAgent(config.openai))

  const store = new SqliteStore({ dataDir: config.dataDir })
  const eventLog = new SqliteRunEventLog(store.db)
  await eventLog.recoverOpen()
  const recovered = await store.recoverInterrupted(new Date().toISOString())
  if (recovered.runs) notes.push(`marked ${recovered.runs} run(s) left by a stopped server as interrupted`)
  const dirMode = statSync(config.dataDir).mode & 0o777
  if (dirMode & 0o077) notes.push(`the data dir ${config.dataDir} is open to other users (mode ${dirMode.toString(8)}): chmod 700 it`)
  if (recovered.uploads) notes.push(`cancelled ${recovered.uploads} upload(s) a stopped server left unfinished`)
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
  try {
    const mainServer = await serveNode((r) => main(r), { port: config.port, host: config.host, maxBodyBytes: config.maxFileBytes + 1024 * 1024 })
    servers.push(mainServer.server)
    const demoServer = config.demo ? await serveNode((r) => demo(r), { port: config.demoPort, host: config.host }) : null
    if (demoServer) servers.push(demoServer.server)

    const origins = config.allowedOrigins ?? (demoServer ? [demoServer.url] : [])
    const handler = createChatKitHandler({
      store, agents, apiKeys, allowedOrigins: origins, eventLog,
      ...(config.keepAliveMs ? { keepAliveMs: config.keepAliveMs } : {}),
      ...(config.maxStreamsPerSecret ? { maxStreamsPerSecret: config.maxStreamsPerSecret } : {}),
      ...(config.maxRunMs ? { maxRunMs: config.maxRunMs } : {}),
      ...(config.trustProxy ? { clientAddress: forwardedFor } : {}),
      files: { ...config.uploads, blobs: new DiskBlobStore(join(config.dataDir, 'files')), maxBytes: config.maxFileBytes },
    })
    const apiUrl = mainServer.url + API_BASE_PATH
    const frameUrl = mainServer.url + FRAME_PATH
    const frameDir = config.frameDir ?? DEFAULT_FRAME_DIR
    main = createMainSite({ api: handler, frame: createFrameHandler(frameDir, origins, config.imageOrigins, config.apiOrigins), demoUrl: demoServer ? demoServer.url + '/' : null, frameUrl })
    if (demoServer) {
      const site = await loadDemoSite({ apiUrl, apiKey: apiKeys[0], assistantId: agents.some((a) => a.id === 'demo') ? 'demo' : agents[0].id, frameUrl, publicApiUrl: apiUrl })
      demo = site.handler
      if (site.problem) notes.push(site.problem)
    }
    const warnings: string[] = []
    if (demoServer && config.demoPublic) {
      warnings.push(`the demo site ${demoServer.url}/ listens on ${config.host}, reachable from the network: it gives a client secret to anyone who opens it (--demo-public). Use --no-demo in production.`)
    }
    if (origins.length === 0) notes.push('no allowed origins: no page can embed the frame (set --allowed-origins)')

    let stopping: Promise<void> | null = null
    return {
      urls: { api: apiUrl, frame: frameUrl, demo: demoServer ? demoServer.url + '/' : null },
      apiKey: { value: apiKeys[0], note: apiKeyNote },
      notes,
      warnings,
      stop: () => (stopping ??= gracefulShutdown({ servers, handler, store, eventLog })),
    }
  } catch (e) {
    for (const s of servers) s.close()
    eventLog.dispose()
    await store.close()
    throw e
  }
}
