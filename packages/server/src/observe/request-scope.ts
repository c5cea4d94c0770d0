import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

/** What log lines and error bodies say about the work in progress: the request, and the run once there is one. */
export type Scope = { readonly requestId: string; readonly runId?: string; readonly threadId?: string }

const storage = new AsyncLocalStorage<Scope>()

/** The request (and run) the calling code works for; undefined outside any request. */
export const currentScope = (): Scope | undefined => storage.getStore()

/** Runs `fn` with `scope` current; work it starts (a run outliving its request) keeps it. */
export const inScope = <T>(scope: Scope, fn: () => T): T => storage.run(scope, fn)

/** An `X-Request-Id` worth keeping: short, printable, no separators a log parser could trip on. */
const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * The id of a request: the `X-Request-Id` it carries when `trusted` says its sender may set it
 * (a proxy of yours that generates them) and it is well-formed, else a new random one.
 */
export function requestIdOf(req: Request, trusted: ((req: Request) => boolean) | undefined): string {
  if (trusted) {
    const given = req.headers.get('x-request-id')
    if (given !== null && VALID_ID.test(given) && trusted(req)) return given
  }
  return randomUUID()
}
