/**
 * `api.fetch`: a `fetch` for the API client that has the host page perform each request with the
 * user's fetch (so the host's cookies or headers reach its backend). Loaded only when `api.fetch`
 * is set. The request crosses the bridge as plain data (a multipart body as one Blob with its
 * boundary header); the answer is a real `Response` whose body pulls the host's chunks one by one,
 * so an SSE answer streams live. Aborting the signal (Stop, a stall, a cut) aborts the host's fetch.
 */
import type { BridgedRequest, BridgedResponse } from '@xpert-ai/chatkit-protocol'
import type { HostLink } from './host.js'

let ids = 0

const aborted = () => new DOMException('the request was aborted', 'AbortError')

/** Rejects with an AbortError as soon as `signal` aborts, whatever `p` does. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal | null): Promise<T> {
  if (!signal) return p
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted())
    const stop = () => reject(aborted())
    signal.addEventListener('abort', stop, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

/**
 * Fails as the browser's own fetch would: an abort stays an AbortError; anything else (the host's
 * fetch rejected, its body broke mid-answer) is a TypeError, which the API client treats as a
 * network failure and a stream reader as a cut worth rejoining.
 */
function broken(e: unknown): never {
  if (e instanceof DOMException && e.name === 'AbortError') throw e
  throw new TypeError(`api.fetch: ${(e as Error)?.message ?? e}`)
}

/** The parts of a request that can cross postMessage: method, headers, and a string or Blob body. */
export async function bridgedRequest(url: string, init: RequestInit = {}): Promise<BridgedRequest> {
  const method = (init.method ?? 'GET').toUpperCase()
  const headers = Object.fromEntries(new Headers(init.headers))
  const body = init.body
  if (body === undefined || body === null) return { method, headers }
  if (typeof body === 'string' || body instanceof Blob) return { method, headers, body }
  // FormData and the rest: let the browser encode it (multipart boundary included).
  const req = new Request(url, { method, body })
  const type = req.headers.get('content-type')
  if (type && !headers['content-type']) headers['content-type'] = type
  return { method, headers, body: await req.blob() }
}

/** A `fetch` that the host page performs through `link` (see the module comment). */
export function hostFetch(link: Pick<HostLink, 'fetch'>): typeof fetch {
  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input)
    const signal = init.signal
    if (signal?.aborted) throw aborted()
    const id = ++ids
    let open = true
    const close = () => {
      if (open) void link.fetch('abort', id).catch(() => {})
      open = false
    }
    signal?.addEventListener('abort', close, { once: true })
    let head: BridgedResponse
    try {
      head = (await abortable(link.fetch('open', id, url, await bridgedRequest(url, init)), signal)) as BridgedResponse
    } catch (e) {
      signal?.removeEventListener('abort', close)
      open = false
      broken(e)
    }
    const noBody = [101, 204, 205, 304].includes(head.status)
    const body = noBody
      ? null
      : new ReadableStream<Uint8Array>({
          async pull(c) {
            const chunk = await abortable(link.fetch('read', id), signal).catch(broken)
            if (chunk instanceof Uint8Array) return c.enqueue(chunk)
            open = false
            signal?.removeEventListener('abort', close)
            c.close()
          },
          cancel: close,
        })
    if (noBody) close()
    return new Response(body, { status: head.status, statusText: head.statusText, headers: head.headers })
  }
}
