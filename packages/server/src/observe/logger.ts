import { currentScope } from './request-scope.js'

export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

/**
 * Where the server's events go. Each call is one event: a message and fields; the request id and
 * run id of the work in progress are added by the logger (`createLogger`).
 */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields, error?: unknown): void
}

export type LogFormat = 'json' | 'text'

export type LoggerOptions = {
  format: LogFormat
  /** Events below this level are dropped. Default `info` (everything). */
  minLevel?: LogLevel
  /** Where a finished line goes (without its newline). Default: `info` to stdout, the rest to stderr. */
  write?: (line: string, level: LogLevel) => void
  now?: () => Date
}

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 }

const defaultWrite = (line: string, level: LogLevel) => (level === 'info' ? process.stdout : process.stderr).write(line + '\n')

/**
 * A logger writing one line per event. `json`: `{"level","time","msg","request_id","run_id",…fields,
 * "error"}` on one line, for a log collector. `text`: `time LEVEL msg key=value …` and the error's
 * stack on the lines after it, for a terminal.
 */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? defaultWrite
  const now = options.now ?? (() => new Date())
  const min = RANK[options.minLevel ?? 'info']
  return {
    log(level, msg, fields, error) {
      if (RANK[level] < min) return
      const scope = currentScope()
      const entry: Record<string, unknown> = { level, time: now().toISOString(), msg }
      if (scope) {
        entry.request_id = scope.requestId
        if (scope.runId) entry.run_id = scope.runId
        if (scope.threadId) entry.thread_id = scope.threadId
      }
      for (const [k, v] of Object.entries(fields ?? {})) if (v !== undefined) entry[k] = v
      if (options.format === 'json') {
        if (error !== undefined) entry.error = describeError(error)
        write(JSON.stringify(entry), level)
        return
      }
      const { level: _l, time, msg: _m, ...rest } = entry
      const pairs = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
      const head = `${time} ${level.toUpperCase()} ${msg}${pairs.length ? ' ' + pairs.join(' ') : ''}`
      write(error === undefined ? head : `${head}\n${errorText(error)}`, level)
    },
  }
}

/** An error as one JSON-safe value: its name, message, code and stack. */
function describeError(e: unknown): unknown {
  if (!(e instanceof Error)) return String(e)
  const code = (e as { code?: unknown }).code
  return { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}), ...(e.stack ? { stack: e.stack } : {}) }
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)
}
