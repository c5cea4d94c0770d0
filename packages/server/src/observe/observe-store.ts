import type { Store } from '../store/types.js'
import type { ObserveConfig } from './observer.js'
import { overlay } from './overlay.js'
import { Attr, inSpan, SpanNames } from './tracing.js'

const GROUPS = ['sessions', 'threads', 'messages', 'runs', 'files', 'feedback'] as const

/**
 * The store with each repository method timed (`storeOperation`, labelled `group.method`) and,
 * with a tracer, run in a `chatkit.store` span. Everything else (`close`, `db` on SQLite) passes
 * through untouched. Built once; a call costs two clock reads.
 */
export function observeStore(store: Store, o: ObserveConfig): Store {
  const groups = Object.fromEntries(GROUPS.map((g) => [g, observeGroup(g, store[g] as unknown as Record<string, unknown>, o)]))
  return overlay(store, groups)
}

/** A repository with each of its methods (own or inherited) timed. */
function observeGroup(group: string, repo: Record<string, unknown>, o: ObserveConfig): object {
  const own: Record<string, unknown> = {}
  for (let p: object | null = repo; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const value = repo[name]
      if (name !== 'constructor' && !(name in own) && typeof value === 'function')
        own[name] = timed(`${group}.${name}`, value as (...a: unknown[]) => unknown, repo, o)
    }
  }
  return overlay(repo, own)
}

function timed(op: string, method: (...a: unknown[]) => unknown, self: object, { metrics, tracer }: ObserveConfig) {
  const call = async (args: unknown[]) => {
    const t0 = performance.now()
    let failed = true
    try {
      const out = await method.apply(self, args)
      failed = false
      return out
    } finally {
      metrics?.storeOperation(op, (performance.now() - t0) / 1000, failed)
    }
  }
  if (!tracer) return (...args: unknown[]) => call(args)
  return (...args: unknown[]) => inSpan(tracer, `${SpanNames.store} ${op}`, { [Attr.op]: op }, () => call(args))
}
