import type { AgentEvent } from './types.js'

const logged = new Set<string>()

/**
 * For framework adapters: an event the adapter does not know is logged once per framework and
 * type (`console.warn`), and shown as a neutral, completed step carrying the event, so nothing
 * a framework sends is dropped silently.
 */
export function unknownEventStep(framework: string, type: string, id: string, data: unknown): AgentEvent[] {
  const key = `${framework}\u0000${type}`
  if (!logged.has(key)) {
    logged.add(key)
    console.warn(`[chatkit] ${framework}: no mapping for the event type "${type}"; shown as a step`)
  }
  return [
    { type: 'tool_start', id, name: type, title: `${framework} event: ${type}` },
    { type: 'tool_end', id, output: jsonSafe(data) },
  ]
}

/** A value the wire can carry: functions, cycles and bigints become strings instead of failing the run. */
export function jsonSafe(v: unknown): unknown {
  const seen = new WeakSet<object>()
  try {
    return JSON.parse(
      JSON.stringify(v ?? null, (_k, x) => {
        if (typeof x === 'bigint' || typeof x === 'function' || typeof x === 'symbol') return String(x)
        if (x && typeof x === 'object') {
          if (seen.has(x)) return '[circular]'
          seen.add(x)
        }
        return x
      }),
    )
  } catch {
    return String(v)
  }
}

/** A thrown value as one line for a run error. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name
  if (typeof e === 'string') return e
  const m = (e as { message?: unknown } | null)?.message
  return typeof m === 'string' ? m : JSON.stringify(jsonSafe(e))
}
