import type { AgentEvent } from '../agent/types.js'
import { AgentProtocolError } from './agent-protocol-error.js'

/**
 * Pulls events from an agent until it ends, throws, or `signal` aborts. An abort settles the
 * drive at once, whatever step is in progress, so an agent that ignores its signal (a stuck
 * fetch, a busy loop between yields) cannot hold a cancelled run open.
 *
 * `onEvent` returns a promise only when it has to wait (a log append, a tool's files); when it
 * returns nothing the next event is pulled straight away. The loop is written with callbacks, not
 * `await`, because it runs once per token: a step costs the agent's own `next()` promise and one
 * reaction, with one abort listener and one settling promise for the whole run.
 */
export async function driveAgent(stream: AsyncIterable<AgentEvent>, signal: AbortSignal, onEvent: (ev: AgentEvent) => void | Promise<void>): Promise<void> {
  const iterate = (stream as Partial<AsyncIterable<AgentEvent>> | null)?.[Symbol.asyncIterator]
  if (typeof iterate !== 'function') throw new AgentProtocolError('agent run() must return an async iterable (write it as `async *run(ctx)`)')
  const it = iterate.call(stream)
  let onAbort = () => {}
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false
      const fail = (e: unknown) => {
        if (settled) return
        settled = true
        reject(e)
      }
      onAbort = () => fail(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      const step = () => {
        if (settled) return
        if (signal.aborted) return fail(signal.reason)
        try {
          Promise.resolve(it.next()).then(got, fail)
        } catch (e) {
          fail(e)
        }
      }
      const got = (r: IteratorResult<AgentEvent>) => {
        if (settled) return
        if (r.done) {
          settled = true
          return resolve()
        }
        try {
          const waiting = onEvent(r.value)
          if (waiting) waiting.then(step, fail)
          else step()
        } catch (e) {
          fail(e)
        }
      }
      step()
    })
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Lets the generator run its own `finally` blocks. Not awaited: a stuck agent must not hold the run.
    Promise.resolve()
      .then(() => it.return?.())
      .catch(() => {})
  }
}
