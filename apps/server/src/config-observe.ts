import type { LogFormat } from '@xpert-ai/chatkit-server'

/** Metrics, traces and logs of the self-hosted server. */
export type ObserveAppConfig = {
  /** The Prometheus listener; null: no metrics are served (nor measured). */
  metrics: { port: number; host: string; token: string | null } | null
  logFormat: LogFormat
  /** Spans through the OpenTelemetry SDK the operator registered (`node --import ./otel.mjs`). */
  tracing: boolean
}

/** `parseArgs` options (merged into the CLI's option table). */
export const OBSERVE_OPTIONS = {
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  'metrics-token': { type: 'string' },
  'log-format': { type: 'string' },
  tracing: { type: 'boolean' },
} as const

export const OBSERVE_USAGE = `  --metrics-port <n>      serve Prometheus metrics at GET /metrics on a listener of their own
                          (CHATKIT_METRICS_PORT; 0 picks a free port; default: none, and no
                          metrics are collected). Never on the API port.
  --metrics-host <ip>     interface of the metrics listener (CHATKIT_METRICS_HOST, default
                          127.0.0.1); a non-loopback one needs --metrics-token
  --metrics-token <t>     scrapers must send Authorization: Bearer <t> (CHATKIT_METRICS_TOKEN,
                          16+ characters); 401 without it
  --log-format <f>        text (default): warnings and errors for a terminal; json: one JSON
                          line per request, run, warning and error, with request_id and run_id
                          (CHATKIT_LOG_FORMAT)
  --tracing               OpenTelemetry spans for requests, runs, agents, tool calls, store and
                          event log through the SDK you register: node --import ./otel.mjs
                          chatkit-server --tracing (CHATKIT_TRACING=1); refused without an SDK`

type Values = { [K in keyof typeof OBSERVE_OPTIONS]?: (typeof OBSERVE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

/** Reads the observability options; `fail` reports a bad value (a ConfigError in the CLI). */
export function parseObserveConfig(
  values: Values,
  env: NodeJS.ProcessEnv,
  isLoopback: (host: string) => boolean,
  fail: (message: string) => Error,
): ObserveAppConfig {
  const pick = (flag: string | undefined, name: string) => flag ?? (env[name] ? env[name] : undefined)
  const port = pick(values['metrics-port'], 'CHATKIT_METRICS_PORT')
  const host = pick(values['metrics-host'], 'CHATKIT_METRICS_HOST')
  const token = pick(values['metrics-token'], 'CHATKIT_METRICS_TOKEN')
  const format = pick(values['log-format'], 'CHATKIT_LOG_FORMAT') ?? 'text'
  if (format !== 'text' && format !== 'json') throw fail(`--log-format / CHATKIT_LOG_FORMAT: expected json or text, got "${format}"`)
  const tracing = values.tracing === true || env.CHATKIT_TRACING === '1'
  if (port === undefined) {
    if (host !== undefined || token !== undefined)
      throw fail('--metrics-host / --metrics-token need --metrics-port (CHATKIT_METRICS_PORT): without it no metrics are served')
    return { metrics: null, logFormat: format, tracing }
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw fail(`--metrics-port / CHATKIT_METRICS_PORT: expected a port number 0..65535, got "${port}"`)
  if (token !== undefined && token.length < 16) throw fail('--metrics-token / CHATKIT_METRICS_TOKEN: at least 16 characters')
  const where = host ?? '127.0.0.1'
  if (!isLoopback(where) && token === undefined) {
    throw fail(
      `--metrics-host ${where} is not loopback: anyone who reaches it would read this server's metrics; add --metrics-token (CHATKIT_METRICS_TOKEN), or keep the default 127.0.0.1`,
    )
  }
  return { metrics: { port: Number(port), host: where, token: token ?? null }, logFormat: format, tracing }
}
