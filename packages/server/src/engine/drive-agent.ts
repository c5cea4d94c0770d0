import type { AgentEvent } from '../agent/types.js'
import { AgentProtocolError } from './agent-protocol-error.js'

/**
 * Pulls events from an agent until it ends, throws, or `signal` aborts. Each `next()` races the
 * abort, so an agent that ignores its signal (a stuck fetch, a busy loop between yields) cannot
 * hold a cancelled run open.
 */
export async function driveAgent(stream: AsyncIterable<AgentEvent>, signal: AbortSignal, onEvent: (ev: AgentEvent) => Promise<void>): Promise<void> {
  const iterate = (stream as Partial<AsyncIterable<AgentEvent>> | null)?.[Symbol.asyncIterator]
  if (typeof iterate !== 'function') throw new AgentProtocolError('agent run() must return an async iterable (write it as `async *run(ctx)`)')
  const it = iterate.call(stream)
  // One abort listener for the whole run rejects the step in progress (a Promise.race with an
  // abort promise per step would leave a reaction on it per event until the run ends).
  let rejectStep: ((reason: unknown) => void) | null = null
  const onAbort = () => rejectStep?.(signal.reason)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      const r = await new Promise<IteratorResult<AgentEvent>>((resolve, reject) => {
        rejectStep = reject
        it.next().then(resolve, reject)
        if (signal.aborted) reject(signal.reason)
      })
      rejectStep = null
      if (r.done) return
      await onEvent(r.value)
      if (signal.aborted) throw signal.reason
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Lets the generator run its own `finally` blocks. Not awaited, for the same reason as above.
    Promise.resolve()
      .then(() => it.return?.())
      .catch(() => {})
  }
}
