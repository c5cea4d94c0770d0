/**
 * The sleeps waiting on each signal: one abort listener per signal for all of them, since an
 * agent sleeps between tokens and an EventTarget listener added and removed per sleep costs more
 * than the sleep itself.
 */
const sleeping = new WeakMap<AbortSignal, Set<() => void>>()

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!signal) return void setTimeout(resolve, ms)
    if (signal.aborted) return reject(signal.reason)
    const waiting = sleeping.get(signal) ?? watch(signal)
    const cancel = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      waiting.delete(cancel)
      resolve()
    }, ms)
    waiting.add(cancel)
  })
}

function watch(signal: AbortSignal): Set<() => void> {
  const waiting = new Set<() => void>()
  sleeping.set(signal, waiting)
  signal.addEventListener(
    'abort',
    () => {
      for (const cancel of waiting) cancel()
      waiting.clear()
    },
    { once: true },
  )
  return waiting
}
