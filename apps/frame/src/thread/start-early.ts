import type { RunStream } from '../api/index.js'

/**
 * Sends a run's request now, before the stream follower's code (a lazy chunk) is there to read
 * it: a send that did not come from typing (a start-screen prompt, the host's `sendUserMessage`)
 * pays the chunk fetch and the round trip in parallel, not one after the other. Returns the
 * follower's `start`: the request already under way, cut when `outer` aborts or when the
 * follower cuts the attempt (a stall). `cancel` cuts it when the follower never comes.
 */
export function startEarly(
  open: (signal: AbortSignal) => Promise<RunStream>,
  outer: AbortSignal,
): { start: (signal: AbortSignal) => Promise<RunStream>; cancel: () => void } {
  const ctl = new AbortController()
  const cut = () => ctl.abort()
  outer.addEventListener('abort', cut, { once: true })
  const started = open(ctl.signal)
  // Its failure surfaces where the follower awaits it (or nowhere, when the follower never came).
  started.catch(() => {})
  return {
    start: (signal) => {
      if (signal.aborted) cut()
      else signal.addEventListener('abort', cut, { once: true })
      return started
    },
    cancel: cut,
  }
}
