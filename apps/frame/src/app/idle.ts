/**
 * Runs `fn` once the frame is idle (at the latest after `timeoutMs`): work that must not delay the
 * handshake or the first paint, such as fetching the client secret or a chunk needed later.
 */
export function whenIdle(fn: () => void, timeoutMs = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: timeoutMs })
  else setTimeout(fn, 50)
}
