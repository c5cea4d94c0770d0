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
type Open = { abort: AbortController; reader?: ReadableStreamDefaultReader<Uint8Array> }

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

export async function hostFetch(
  options: unknown,
  op: 'open' | 'read' | 'abort',
  id: number,
  url?: string,
  init?: BridgedRequest,
): Promise<BridgedResponse | Uint8Array | null | undefined> {
  const req = requests.get(id)
  if (op === 'read') {
    const chunk = await req?.reader?.read()
    if (chunk && !chunk.done) return chunk.value
    requests.delete(id)
    return null
  }
  if (op === 'abort') {
    requests.delete(id)
    req?.abort.abort()
    await req?.reader?.cancel().catch(() => {})
    return
  }
  const api = ((options as { api?: Api } | undefined)?.api ?? {}) as Api
  if (typeof api.fetch !== 'function') throw new Error('api.fetch is not set in the ChatKit options')
  if (typeof url !== 'string' || !allowedUrl(url, api)) {
    throw new Error(`api.fetch: refused ${String(url).slice(0, 200)}: the host only fetches URLs under api.url / api.apiUrl or the upload URL`)
  }
  const open: Open = { abort: new AbortController() }
  requests.set(id, open)
  try {
    const res: Response = await api.fetch.call(api, url, { method: init?.method, headers: init?.headers, body: init?.body, signal: open.abort.signal })
    open.reader = res.body?.getReader()
    if (!requests.has(id)) void open.reader?.cancel().catch(() => {})
    return { status: res.status, statusText: res.statusText, headers: [...res.headers] }
  } catch (e) {
    requests.delete(id)
    throw e
  }
}
