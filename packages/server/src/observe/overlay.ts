/**
 * `target` with some members replaced by `own`; every other member reads from `target` itself, and
 * its methods run with `target` as `this` (a class's private fields would refuse the proxy). The
 * proxy stands on an empty object of its own, so a frozen target (`defineAgent` freezes agents)
 * may still have members replaced. `in`, `Object.keys`, spreading and `instanceof` see the target.
 */
export function overlay<T extends object>(target: T, own: Record<string, unknown>): T {
  const bound = new Map<PropertyKey, unknown>()
  const has = (prop: PropertyKey) => typeof prop === 'string' && Object.hasOwn(own, prop)
  return new Proxy(Object.create(null) as T, {
    get(_, prop) {
      if (has(prop)) return own[prop as string]
      const value = Reflect.get(target, prop, target)
      if (typeof value !== 'function') return value
      let fn = bound.get(prop)
      if (!fn) bound.set(prop, (fn = value.bind(target)))
      return fn
    },
    has: (_, prop) => has(prop) || prop in target,
    ownKeys: () => [...new Set([...Reflect.ownKeys(target), ...Object.keys(own)])],
    getOwnPropertyDescriptor(_, prop) {
      if (has(prop)) return { value: own[prop as string], writable: false, enumerable: true, configurable: true }
      const d = Reflect.getOwnPropertyDescriptor(target, prop)
      return d && { ...d, configurable: true }
    },
    getPrototypeOf: () => Object.getPrototypeOf(target),
  })
}
