/** Something with rxjs' `subscribe({ next, error, complete })`. */
export type Subscribable<T> = { subscribe(o: { next(v: T): void; error(e: unknown): void; complete(): void }): { unsubscribe(): void } }

/** An rxjs-style observable as an async iterable; leaving the loop unsubscribes. */
export async function* iterate<T>(source: Subscribable<T>): AsyncGenerator<T> {
  const queue: T[] = []
  let done = false
  let failure: { error: unknown } | null = null
  let wake: (() => void) | null = null
  const poke = () => {
    wake?.()
    wake = null
  }
  const sub = source.subscribe({
    next: (v) => (queue.push(v), poke()),
    error: (e) => ((failure = { error: e }), poke()),
    complete: () => ((done = true), poke()),
  })
  try {
    for (;;) {
      if (queue.length) yield queue.shift()!
      else if (failure) throw (failure as { error: unknown }).error
      else if (done) return
      else await new Promise<void>((r) => (wake = r))
    }
  } finally {
    sub.unsubscribe()
  }
}
