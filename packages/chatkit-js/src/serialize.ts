import type { ChatKitOptions, SerializedOptions } from '@xpert-ai/chatkit-protocol'

/** What `serializeOptions` produces: the bridge payload plus what had to be left out, and why. */
export type SerializeResult = SerializedOptions & {
  /** One line per dropped value, naming its path: `theme.root: a HTMLDivElement cannot be sent to the frame`. */
  problems: string[]
}

/** Plain data the structured clone keeps as is: objects with the default (or no) prototype. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  const proto = v !== null && typeof v === 'object' && Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Turns options into what crosses the bridge. Functions stay in the host: they are removed and their
 * dotted paths listed in `callbacks` (the frame calls them back by path). Values the other side could
 * not rebuild (DOM nodes, class instances such as Date or Map, symbols, cycles) are dropped and reported in `problems`,
 * so a bad option is a clear error instead of a `DataCloneError` deep inside postMessage.
 */
export function serializeOptions(options: ChatKitOptions | Record<string, unknown>): SerializeResult {
  const callbacks: string[] = []
  const problems: string[] = []
  const seen = new Set<unknown>()

  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'function') return void callbacks.push(path)
    if (v === null || (typeof v !== 'object' && typeof v !== 'symbol')) return v
    const isArray = Array.isArray(v)
    if (seen.has(v) || (!isArray && !isPlainObject(v))) {
      const what = seen.has(v) ? 'a circular reference' : `a ${(v as object).constructor?.name || typeof v}`
      return void problems.push(`${path || 'options'}: ${what} cannot be sent to the frame`)
    }
    seen.add(v)
    const at = (key: string | number) => (path ? path + '.' : '') + key
    // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
    const out = isArray
      ? v.map((item, i) => walk(item, at(i)))
      : Object.fromEntries(
          Object.entries(v as object)
            .map(([key, item]) => [key, walk(item, at(key)), item])
            .filter(([, value, item]) => value !== undefined || item === undefined),
        )
    seen.delete(v)
    return out
  }

  const root = walk(options, '')
  return { options: isPlainObject(root) ? root : {}, callbacks, problems }
}
