/**
 * `target` with some members replaced by `own`; every other member reads from `target` itself, and
 * its methods run with `target` as `this` (a class's private fields would refuse the proxy).
 */
export function overlay<T extends object>(target: T, own: Record<string, unknown>): T {
  const bound = new Map<PropertyKey, unknown>()
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'string' && Object.hasOwn(own, prop)) return own[prop]
      const value = Reflect.get(t, prop, t)
      if (typeof value !== 'function') return value
      let fn = bound.get(prop)
      if (!fn) bound.set(prop, (fn = value.bind(t)))
      return fn
    },
  })
}
