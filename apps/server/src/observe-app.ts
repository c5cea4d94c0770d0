import { trace, type Tracer } from '@opentelemetry/api'
import { createLogger, type ChatKitHandlerConfig } from '@xpert-ai/chatkit-server'
import type { ObserveAppConfig } from './config-observe.js'
import { createPrometheusMetrics } from './metrics.js'
import { serveMetrics, type MetricsListener } from './metrics-server.js'

export type AppObservability = {
  /** Handler options: `logger`, `metrics`, `tracer` as configured. */
  handler: Pick<ChatKitHandlerConfig, 'logger' | 'metrics' | 'tracer'>
  /** Starts the metrics listener (if configured) once the handler exists, for the follow-up queue depth. */
  serve(followUps: () => number | Promise<number>): Promise<MetricsListener | null>
}

/**
 * The CLI's logs, metrics and traces. `text` logs keep the server's plain messages; `json` logs
 * go through the structured logger (stdout for info, stderr for warnings and errors).
 */
export function appObservability(o: ObserveAppConfig): AppObservability {
  const metrics = o.metrics ? createPrometheusMetrics() : null
  const handler: AppObservability['handler'] = {
    ...(o.logFormat === 'json' ? { logger: createLogger({ format: 'json' }) } : {}),
    ...(metrics ? { metrics: metrics.sink } : {}),
    ...(o.tracing ? { tracer: registeredTracer() } : {}),
  }
  return {
    handler,
    async serve(followUps) {
      if (!metrics || !o.metrics) return null
      metrics.setFollowUpSource(followUps)
      return serveMetrics(metrics.registry, o.metrics)
    },
  }
}

/** The tracer of the OpenTelemetry SDK the operator registered; without one, `--tracing` would trace nothing: refused. */
function registeredTracer(): Tracer {
  const provider = trace.getTracerProvider() as { getDelegate?: () => object }
  const real = provider.getDelegate ? provider.getDelegate() : provider
  if (real.constructor.name === 'NoopTracerProvider') {
    throw new Error(
      '--tracing: no OpenTelemetry SDK is registered in this process; start it with `node --import ./otel.mjs chatkit-server …` where otel.mjs registers one (docs/cli.md)',
    )
  }
  return trace.getTracer('@xpert-ai/chatkit-server')
}
