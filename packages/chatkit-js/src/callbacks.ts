import { ChatKitError, serializeError } from '@xpert-ai/chatkit-protocol'
import type { CallbackResult, ErrorCode } from '@xpert-ai/chatkit-protocol'

type AnyFn = (...args: unknown[]) => unknown

// A path comes from the other side of the bridge: never let it walk up to a prototype.
const FORBIDDEN = ['__proto__', 'constructor', 'prototype']

/**
 * The function at a dotted path (`api.getClientSecret`, `composer.tools.0.onSelect`) in `options`,
 * following own properties only, bound to the object holding it; undefined when there is none.
 */
export function getCallback(options: unknown, path: unknown): AnyFn | undefined {
  let self: unknown
  let v: unknown = options
  for (const key of typeof path === 'string' && path ? path.split('.') : ['__proto__']) {
    if (FORBIDDEN.includes(key) || v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return
    self = v
    v = (v as Record<string, unknown>)[key]
  }
  return typeof v === 'function' ? (v as AnyFn).bind(self) : undefined
}

/**
 * Runs a host callback for the frame and answers with data, never a throw: a rejection over penpal
 * would lose the error code, and a callback that never settles must not hang the frame.
 * `onError` hears about failures of the callback itself (the host fires `chatkit.error` with them).
 */
export async function invokeCallback(
  options: unknown,
  path: unknown,
  args: unknown,
  timeout: number,
  onError: (error: ChatKitError) => void,
): Promise<CallbackResult> {
  const fn = getCallback(options, path)
  if (!fn || !Array.isArray(args)) {
    return { ok: false, error: { code: 'not_supported' satisfies ErrorCode, message: `no callback at ${path}` } }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const value = await Promise.race([
      fn(...args),
      new Promise<never>((_, reject) => {
        timer = setTimeout(reject, timeout, new ChatKitError('callback_timeout' satisfies ErrorCode, `did not settle within ${timeout} ms`))
      }),
    ])
    // The answer must survive postMessage: fail here, as data, rather than as a DataCloneError in penpal.
    structuredClone(value)
    return { ok: true, value }
  } catch (e) {
    const error = serializeError(e)
    error.message = `${path}: ${error.message}`
    onError(ChatKitError.from(error))
    return { ok: false, error }
  } finally {
    clearTimeout(timer)
  }
}
