/**
 * `api.fetch`: the host page performs the frame's API requests with the user's fetch, so the host's
 * own auth (its cookies, its headers) reaches its backend. Loaded only when the frame first asks
 * (the element imports it lazily), so pages without `api.fetch` never pay for it.
 *
 * The frame opens a request by id, then pulls the body chunk by chunk (an SSE answer streams live,
 * each chunk as it arrives) and may abort it (Stop, a stream cut). Security: penpal already accepts
 * calls from the frame's origin only, and here the URL must lie under the configured API
 * (`api.url`, `api.apiUrl`, or exactly `api.uploadStrategy.uploadUrl`): the frame cannot make the
 * host page fetch anything else with its credentials.
 */
import type { BridgedRequest, BridgedResponse } from '@xpert-ai/chatkit-protocol'

type Api = { fetch?: unknown; url?: unknown; apiUrl?: unknown; uploadStrategy?: { uploadUrl?: unknown } }

/**
 * One request in flight. Its body is read as fast as it arrives, not only when the frame asks: a
 * body that errors (a cut connection) drops whatever is still queued inside it, and every byte
 * that arrived before a cut must reach the frame (its last event id is what the rejoin sends).
 */
type Open = {
  abort: AbortController
  chunks: Uint8Array[]
  /** The body ended (true) or broke (the error), after the chunks above. */
  end?: true | { error: unknown }
  wake?: () => void
  /** When the frame last read (ms): a request it stopped reading (the frame reloaded) is dropped. */
  readAt: number
}

/** A request the frame has not read for this long is aborted (it went away without saying so). */
export const UNREAD_MS = 120_000

/** Requests in flight, by the frame's id. */
const requests = new Map<number, Open>()

const resolve = (u: unknown) => (typeof u === 'string' && u ? new URL(u, location.href) : undefined)

/** Whether `url` is under one of the API bases (path prefix, `..` already resolved) or is the upload URL. */
export function allowedUrl(url: string, api: Api): boolean {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  if (!/^https?:$/.test(target.protocol)) return false
  const under = [api.url, api.apiUrl].some((b) => {
    const base = resolve(b)
    const prefix = base && base.origin + base.pathname.replace(/\/*$/, '/')
    return !!prefix && (target.origin + target.pathname + '/').startsWith(prefix)
  })
  return under || resolve(api.uploadStrategy?.uploadUrl)?.href === target.href
}

/** Reads `body` into `req.chunks` until it ends or breaks. */
async function pump(id: number, req: Open, body: ReadableStream<Uint8Array> | null): Promise<void> {
  const reader = body?.getReader()
  const stop = () => void reader?.cancel().catch(() => {})
  if (req.abort.signal.aborted) return stop()
  req.abort.signal.addEventListener('abort', stop)
  try {
    for (;;) {
      const r = await reader?.read()
      if (!r || r.done) break
      req.chunks.push(r.value)
      req.wake?.()
      if (Date.now() - req.readAt > UNREAD_MS) {
        requests.delete(id)
        req.abort.abort()
      }
    }
    req.end = true
  } catch (error) {
    req.end = { error }
  }
  req.wake?.()
}

export async function hostFetch(
  options: unknown,
  op: 'open' | 'read' | 'abort',
  id: number,
  url?: string,
  init?: BridgedRequest,
): Promise<BridgedResponse | Uint8Array | null | undefined> {
  const req = requests.get(id)
  if (op === 'read') {
    // Everything that arrived since the last read, in one piece; or wait for the next.
    if (req) req.readAt = Date.now()
    while (req && !req.chunks.length && !req.end) await new Promise<void>((r) => (req.wake = r))
    if (req?.chunks.length) {
      const out = new Uint8Array(req.chunks.reduce((n, c) => n + c.byteLength, 0))
      let at = 0
      for (const c of req.chunks.splice(0)) out.set(c, (at += c.byteLength) - c.byteLength)
      return out
    }
    requests.delete(id)
    if (req?.end && req.end !== true) throw req.end.error
    return null
  }
  if (op === 'abort') {
    requests.delete(id)
    req?.abort.abort()
    return
  }
  const api = ((options as { api?: Api } | undefined)?.api ?? {}) as Api
  if (typeof api.fetch !== 'function') throw new Error('api.fetch is not set in the ChatKit options')
  if (typeof url !== 'string' || !allowedUrl(url, api)) {
    throw new Error(`api.fetch: refused ${String(url).slice(0, 200)}: the host only fetches URLs under api.url / api.apiUrl or the upload URL`)
  }
  const open: Open = { abort: new AbortController(), chunks: [], readAt: Date.now() }
  requests.set(id, open)
  try {
    const res: Response = await api.fetch.call(api, url, { method: init?.method, headers: init?.headers, body: init?.body, signal: open.abort.signal })
    void pump(id, open, res.body)
    return { status: res.status, statusText: res.statusText, headers: [...res.headers] }
  } catch (e) {
    requests.delete(id)
    throw e
  }
}
