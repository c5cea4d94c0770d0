import type { Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { API_BASE_PATH } from '@xpert-ai/chatkit-protocol'
import { join } from 'node:path'
import {
  createChatKitHandler,
  createDemoAgent,
  createOpenAIAgent,
  DiskBlobStore,
  gracefulShutdown,
  serveNode,
  type Agent,
  type FetchHandler,
} from '@xpert-ai/chatkit-server'
import { loadOrCreateDevKey } from './api-key.js'
import { openBackends } from './backends.js'
import type { AppConfig } from './config.js'
import { loadDemoSite } from './demo-site.js'
import { createFrameHandler, FRAME_PATH } from './frame-static.js'
import { loadAgentModule } from './load-agent.js'
import { createMainSite } from './main-site.js'

/** Where the frame build lives: `apps/frame/dist`, found from this file (src/ or dist/ of apps/server). */
export const DEFAULT_FRAME_DIR = fileURLToPath(new URL('../../frame/dist/', import.meta.url))

export type RunningApp = {
  urls: { api: string; frame: string; demo: string | null }
  apiKey: { value: string; note: string }
  notes: string[]
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

  const backends = await openBackends(config)
  const { store, eventLog } = backends
  notes.push(...backends.notes)
  notes.push(`agents: ${agents.map((a) => a.id).join(', ')}`)

  const dev = config.apiKeys.length ? null : loadOrCreateDevKey(config.dataDir)
  const apiKeys = dev ? [dev.key] : config.apiKeys
  const apiKeyNote = dev
    ? dev.created
      ? `generated a development API key (kept in ${dev.path}): ${dev.key}`
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
      ...(backends.runSignals ? { runSignals: backends.runSignals } : {}),
      ...(backends.rateLimiter ? { rateLimiter: backends.rateLimiter } : {}),
      ...(backends.threadLocks ? { threadLocks: backends.threadLocks } : {}),
      ...(config.keepAliveMs ? { keepAliveMs: config.keepAliveMs } : {}),
      files: { blobs: new DiskBlobStore(join(config.dataDir, 'files')), maxBytes: config.maxFileBytes },
    })
    const apiUrl = mainServer.url + API_BASE_PATH
    const frameUrl = mainServer.url + FRAME_PATH
    const frameDir = config.frameDir ?? DEFAULT_FRAME_DIR
    main = createMainSite({ api: handler, frame: createFrameHandler(frameDir, origins), demoUrl: demoServer ? demoServer.url + '/' : null, frameUrl })
    if (demoServer) {
      const site = await loadDemoSite({ apiUrl, apiKey: apiKeys[0], assistantId: agents.some((a) => a.id === 'demo') ? 'demo' : agents[0].id, frameUrl, publicApiUrl: apiUrl })
      demo = site.handler
      if (site.problem) notes.push(site.problem)
    }
    if (origins.length === 0) notes.push('no allowed origins: no page can embed the frame (set --allowed-origins)')

    let stopping: Promise<void> | null = null
    return {
      urls: { api: apiUrl, frame: frameUrl, demo: demoServer ? demoServer.url + '/' : null },
      apiKey: { value: apiKeys[0], note: apiKeyNote },
      notes,
      stop: () => (stopping ??= gracefulShutdown({ servers, handler, store, eventLog: backends.logHandle })),
    }
  } catch (e) {
    for (const s of servers) s.close()
    await backends.close()
    throw e
  }
}
