import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { AgentRegistry } from './agent/registry.js'
import { checkConfig, type ChatKitHandlerConfig } from './config.js'
import type { Deps, RequestContext } from './context.js'
import { RunEngine } from './engine/run-engine.js'
import { MemoryRunEventLog } from './events/memory-event-log.js'
import { corsHeaders, preflight, withCors } from './http/cors.js'
import { toHttpError } from './domain-errors.js'
import { checkDomainKey } from './http/domain-keys.js'
import { errorResponse, HttpError, notFound } from './http/errors.js'
import { FailureThrottle } from './http/failure-throttle.js'
import { RateLimiter } from './http/rate-limit.js'
import { StreamSlots } from './http/stream-slots.js'
import { socketAddress } from './node/to-request.js'
import { observedParts, observedRequest } from './observe/observe-handler.js'
import { buildRouter } from './routes/index.js'
import { authenticate, type Principal } from './services/auth.js'
import { deleteUserData, startFileSweeper, type FileSweepResult } from './services/file-cleanup.js'
import { saveAgentFile } from './services/agent-save.js'
import type { Owner } from './store/types.js'
import { systemClock } from './util/clock.js'

export type ChatKitHandler = ((req: Request) => Promise<Response>) & {
  readonly engine: RunEngine
  /** Stops new runs, ends in-flight ones (saved, marked cancelled) and waits for them. Does not close the store. */
  shutdown(timeoutMs?: number): Promise<void>
  /** Runs the file sweep now (it also runs at creation and every `files.sweepIntervalMs`). */
  sweepFiles(): Promise<FileSweepResult>
  /** Deletes one user's conversations and files (a data-deletion request); cancels their runs first. */
  deleteUserData(owner: Owner): Promise<{ conversations: number; files: number }>
}

/**
 * The ChatKit API as a WHATWG fetch handler for everything under `basePath` (`/api/ai`).
 * Mount it in node:http (`toNodeListener`), Hono, Next.js route handlers or anything that speaks
 * `Request`/`Response`.
 *
 * @example
 * const store = new SqliteStore({ dataDir: './data' })
 * const handler = createChatKitHandler({ store, agents: [createDemoAgent()], apiKeys: [process.env.CHATKIT_API_KEY!] })
 * serveNode(handler, { port: 8787, host: '127.0.0.1' })
 */
export function createChatKitHandler(config: ChatKitHandlerConfig): ChatKitHandler {
  const c = checkConfig(config)
  const clock = config.clock ?? systemClock
  // Logs, metrics and traces see the store, the log and the agents through these (observe/).
  const {
    store,
    log,
    agents: observedAgents,
    observeRun,
    onError,
    onWarning,
  } = observedParts(config, config.eventLog ?? new MemoryRunEventLog({ clock }), c.agents)
  const agents = new AgentRegistry(observedAgents)
  const signals = config.runSignals ?? null
  const notify = signals?.followUp ? (threadId: string) => signals.followUp!(threadId) : null
  const engine = new RunEngine({
    store,
    log,
    clock,
    blobs: c.files.blobs,
    saveFile: (owner, threadId, file) => saveAgentFile({ store, clock, files: c.files }, owner, threadId, file),
    persistIntervalMs: c.persistIntervalMs,
    maxRunMs: c.maxRunMs,
    onError,
    locks: config.threadLocks ?? null,
    agentOf: (id) => agents.get(id),
    notify,
    observeRun,
  })
  // A cancel published by any replica reaches the engine here; only the one running the run acts.
  signals?.onCancel((threadId, runId) => void engine.cancel(threadId, runId, false))
  // A follow-up stored through any replica: the one running its thread takes it.
  signals?.onFollowUp?.((threadId) => void engine.wake(threadId))
  const sessionFailures = new FailureThrottle(c.sessionFailureLimit, () => clock.now(), onWarning, 'API-key')
  const clientAddress = (req: Request) => config.clientAddress?.(req) || socketAddress(req) || 'unknown'
  const deps: Deps = {
    ...c,
    store,
    log,
    engine,
    signals,
    agents,
    clock,
    sessionFailures,
    clientAddress,
    onWarning,
    onError,
    streams: new StreamSlots(c.maxStreamsPerSecret),
  }
  const router = buildRouter()
  const limiter = c.rateLimit ? (config.rateLimiter ?? new RateLimiter(c.rateLimit, () => clock.now())) : null
  const authorize = async (req: Request) => {
    const who = await authenticate(req, deps.store, clock)
    await limiter?.take(who.secretHash)
    return who
  }

  const handle = (req: Request): Promise<Response> => observedRequest(config, req, route)

  async function route(req: Request): Promise<Response> {
    const cors = corsHeaders(deps.allowedOrigins, req.headers.get('origin'))
    try {
      const url = new URL(req.url)
      const path = url.pathname
      if (path !== c.basePath && !path.startsWith(c.basePath + '/')) throw notFound(`no route for ${req.method} ${path}`)
      if (req.method === 'OPTIONS') return preflight(deps.allowedOrigins, req)
      checkDomainKey(deps.domainKeys, req)
      const match = router.match(req.method, path.slice(c.basePath.length) || '/')
      if (!match) throw notFound(`no route for ${req.method} ${path}`)
      if ('allowed' in match) {
        return withCors(
          errorResponse(405, ApiErrorCodes.MethodNotAllowed, `${req.method} is not allowed here; use ${match.allowed.join(', ')}`, {
            allow: match.allowed.join(', '),
          }),
          cors,
        )
      }
      let who: Promise<Principal> | undefined
      const ctx: RequestContext = { req, url, deps, principal: () => (who ??= authorize(req)) }
      return withCors(await match.route.handle(ctx, match.params), cors)
    } catch (caught) {
      const e = toHttpError(caught)
      if (e instanceof HttpError) return withCors(errorResponse(e.status, e.code, e.message, e.headers), cors)
      onError(`${req.method} ${req.url} failed`, e)
      return withCors(errorResponse(500, ApiErrorCodes.InternalError, 'internal server error'), cors)
    }
  }

  const sweeper = startFileSweeper(deps, onError)
  return Object.assign(handle, {
    engine,
    shutdown: async (timeoutMs?: number) => {
      await engine.shutdown(timeoutMs)
      await sweeper.stop()
    },
    sweepFiles: sweeper.sweep,
    deleteUserData: (owner: Owner) => deleteUserData(deps, { assistantId: owner.assistantId, userId: owner.userId }),
  })
}
