/**
 * Runs `fn` once before the next paint. Stream events arrive far more often than frames; applying
 * them in one batch per animation frame keeps DOM work proportional to frames, not tokens. The
 * timeout covers hidden tabs, where `requestAnimationFrame` does not fire.
 */
export type Scheduler = (fn: () => void) => void

export const perAnimationFrame: Scheduler = (fn) => {
  let done = false
  const once = () => {
    if (done) return
    done = true
    fn()
  }
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once)
  setTimeout(once, 100)
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Runs `fn` once the frame is idle (at the latest after `timeoutMs`): work that must not delay the
 * handshake or the first paint, such as fetching the client secret or a chunk needed later.
 */
export function whenIdle(fn: () => void, timeoutMs = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: timeoutMs })
  else setTimeout(fn, 50)
}
