import { AgentProtocolError } from './agent-protocol-error.js'

/**
 * How deep a value from an agent may nest (objects and arrays both count). A widget of the
 * frame's maximum depth (16 nodes) is ~35 levels; this leaves room for real tool outputs while
 * every later `JSON.stringify` (event log, stored message, SSE) stays far from the stack limit:
 * a 10,000-level tree overflows it in Node and in browsers.
 */
const MAX_WIRE_DEPTH = 256

const PLAIN = new Set(['[object Object]', '[object Array]'])

/**
 * A copy of `value` as JSON will carry it, or an `AgentProtocolError` naming the field and the
 * path of what cannot be carried: cycles, functions, symbols, bigints, NaN/Infinity, Maps, Sets,
 * Errors and the like, or nesting deeper than `MAX_WIRE_DEPTH`. JSON would silently drop or
 * mangle most of these (or crash the event log with a cycle), so the run fails with a clear
 * message instead. `undefined` properties are left out, as JSON does; `toJSON` (Dates) applies.
 * The copy also means the agent cannot change an event after yielding it.
 */
export function wireValue(value: unknown, what: string): unknown {
  const ancestors = new Set<object>()
  const fail = (path: string, why: string): never => {
    throw new AgentProtocolError(`${what}${path.length > 200 ? path.slice(0, 200) + '…' : path} ${why}`)
  }
  const copy = (v: unknown, path: string, depth: number): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return v
      case 'number':
        return Number.isFinite(v) ? v : fail(path, `is ${v}, which JSON cannot carry`)
      case 'bigint':
      case 'function':
      case 'symbol':
        return fail(path, `is a ${typeof v}, which JSON cannot carry`)
    }
    if (v === null) return null
    if (depth >= MAX_WIRE_DEPTH) fail(path, `is nested deeper than ${MAX_WIRE_DEPTH} levels`)
    const o = v as Record<string, unknown> & { toJSON?: unknown }
    if (typeof o.toJSON === 'function') return copy(o.toJSON(), path, depth + 1)
    const tag = Object.prototype.toString.call(o)
    if (!PLAIN.has(tag)) fail(path, `is a ${tag.slice(8, -1)}, which JSON cannot carry`)
    if (ancestors.has(o)) fail(path, 'refers back to itself (a cycle), which JSON cannot carry')
    ancestors.add(o)
    let out: unknown
    if (Array.isArray(o)) {
      out = o.map((x, i) => {
        const c = copy(x, `${path}[${i}]`, depth + 1)
        return c === undefined ? fail(`${path}[${i}]`, 'is undefined, which JSON cannot carry in an array') : c
      })
    } else {
      const obj: Record<string, unknown> = {}
      for (const k of Object.keys(o)) {
        const c = copy(o[k], `${path}.${k}`, depth + 1)
        if (c !== undefined) obj[k] = c
      }
      out = obj
    }
    ancestors.delete(o)
    return out
  }
  return copy(value, '', 0)
}
