import { isPlainObject } from '@xpert-ai/chatkit-js'

/** Top-level `onX` keys are event handlers, except the callbacks the frame calls (`onClientTool`, `onLinkClick`). */
const isHandlerKey = (key: string): boolean => /^on[A-Z]/.test(key) && key !== 'onClientTool' && key !== 'onLinkClick'

/** The options without the event handlers (those become listeners, not options). */
export function withoutHandlers<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !isHandlerKey(key))) as T
}

/**
 * A copy of `value` where each function is replaced by `call(path, args)`: the element keeps these
 * stable wrappers, and they reach the function of the latest render. Anything that is not a plain
 * object or array is kept as is (the element reports what cannot be sent).
 */
export function wrapCallbacks(value: unknown, call: (path: string, args: unknown[]) => unknown, path = '', seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') return (...args: unknown[]) => call(path, args)
  const isArray = Array.isArray(value)
  if ((!isArray && !isPlainObject(value)) || seen.has(value)) return value
  seen.add(value)
  const at = (key: string | number) => (path ? path + '.' : '') + key
  const out = isArray
    ? value.map((item, i) => wrapCallbacks(item, call, at(i), seen))
    : Object.fromEntries(Object.entries(value as object).map(([key, item]) => [key, wrapCallbacks(item, call, at(key), seen)]))
  seen.delete(value)
  return out
}

/** Structural equality of serialized (plain) option data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}
