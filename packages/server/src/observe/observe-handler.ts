import type { Agent } from '../agent/types.js'
import type { ChatKitHandlerConfig } from '../config.js'
import type { RunEventLog } from '../events/run-event-log.js'
import { withHeaders } from '../http/errors.js'
import { observeAgent } from './observe-agent.js'
import { observeEventLog } from './observe-event-log.js'
import { runHook, type RunHook } from './observe-run.js'
import { observeStore } from './observe-store.js'
import { inScope, requestIdOf } from './request-scope.js'
import { Attr, inSpan, SpanNames } from './tracing.js'

/**
 * The handler's parts as logs, metrics and traces see them. Without `metrics` and `tracer` the
 * store, log and agents are the configured ones themselves: nothing is wrapped, nothing costs.
 */
export function observedParts(config: ChatKitHandlerConfig, log: RunEventLog, agents: Agent[]) {
  const { metrics, tracer, logger } = config
  const o = { metrics, tracer }
  const on = metrics !== undefined || tracer !== undefined
  const onError =
    config.onError ??
    (logger ? (m: string, e: unknown) => logger.log('error', m, undefined, e) : (m: string, e: unknown) => console.error(`[chatkit] ${m}:`, e))
  const onWarning = config.onWarning ?? (logger ? (m: string) => logger.log('warn', m) : (m: string) => console.warn(`[chatkit] ${m}`))
  const observeRun: RunHook = runHook({ ...o, logger, store: config.store })
  return {
    store: on ? observeStore(config.store, o) : config.store,
    log: on ? observeEventLog(log, o) : log,
    agents: on ? agents.map((a) => observeAgent(a, o)) : agents,
    observeRun,
    onError,
    onWarning,
  }
}

/**
 * Serves `req` with `route` under its request id (`X-Request-Id` on every response, `request_id`
 * in error bodies, on every log line of the work it starts), in a `chatkit.request` span when
 * tracing, and logs a `request` line when done.
 */
export function observedRequest(config: ChatKitHandlerConfig, req: Request, route: (req: Request) => Promise<Response>): Promise<Response> {
  const { tracer, logger } = config
  const requestId = requestIdOf(req, config.trustRequestId)
  return inScope({ requestId }, async () => {
    const t0 = performance.now()
    const res = tracer
      ? await inSpan(
          tracer,
          `${SpanNames.request} ${req.method}`,
          { [Attr.requestId]: requestId, 'http.request.method': req.method, 'url.path': new URL(req.url).pathname },
          async (span) => {
            const r = await route(req)
            span.setAttribute('http.response.status_code', r.status)
            return r
          },
        )
      : await route(req)
    logger?.log(res.status >= 500 ? 'warn' : 'info', 'request', {
      method: req.method,
      path: new URL(req.url).pathname,
      status: res.status,
      duration_ms: Math.round(performance.now() - t0),
    })
    return withHeaders(res, { 'x-content-type-options': 'nosniff', 'x-request-id': requestId })
  })
}
