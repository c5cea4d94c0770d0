/**
 * State changes for one thread signal, applied in one batch per animation frame: stream events
 * arrive far more often than frames, so DOM work stays proportional to frames, not tokens.
 */
import type { Signal } from '@preact/signals'
import type { Scheduler } from '../shared/index.js'
import { inPlace, type ThreadState } from './model/index.js'

type Change = (s: ThreadState) => ThreadState

export type FrameBatch = {
  /** Queues `fn` for the next frame's batch. */
  enqueue(fn: Change): void
  /** Applies what is queued now (a local change must come after the envelopes before it). */
  flush(): void
  /** Drops what is queued (a new thread replaced the old one's state). */
  clear(): void
}

export function createBatch(state: Signal<ThreadState>, schedule: Scheduler): FrameBatch {
  let queue: Change[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (!queue.length) return
    const fns = queue
    queue = []
    // One batch: what it builds takes its later events in place (model/in-place.ts).
    state.value = inPlace(() => fns.reduce((s, fn) => fn(s), state.value))
  }
  return {
    enqueue(fn) {
      queue.push(fn)
      if (scheduled) return
      scheduled = true
      schedule(flush)
    },
    flush,
    clear: () => void (queue = []),
  }
}
