/**
 * A bounded cost per streamed event, whatever the answer's length. The model is immutable: a
 * published state never changes. But a batch (the envelopes of one animation frame, the contents
 * of one stored message) folds many events before anyone sees its result, so a parts array that
 * the batch made itself takes the batch's later events in place, and its tool steps are found by
 * id in a map made with it: a message with 10,000 tool steps costs one copy of its parts per
 * frame, not a copy and a scan per event. Outside `inPlace` every change copies.
 */
import type { Part } from './types.js'

/** The arrays the running batch made (nobody has seen them yet), with their components' indexes. */
let fresh: WeakMap<Part[], Map<string, number>> | undefined

/** Runs `fn` as one batch: arrays it makes are changed in place by its later steps. */
export function inPlace<T>(fn: () => T): T {
  const outer = fresh
  fresh ??= new WeakMap()
  try {
    return fn()
  } finally {
    fresh = outer
  }
}

/**
 * `parts` itself when the running batch made it, else a copy that the caller may change; with the
 * index of each component by id, which the caller keeps up to date.
 */
export function editable(parts: Part[]): [Part[], Map<string, number>] {
  let ids = fresh?.get(parts)
  if (ids) return [parts, ids]
  const copy = parts.slice()
  ids = new Map()
  for (const [i, p] of copy.entries()) if (p.type === 'component') ids.set(p.id, i)
  fresh?.set(copy, ids)
  return [copy, ids]
}
