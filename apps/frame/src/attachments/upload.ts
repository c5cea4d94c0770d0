/**
 * Uploads one file to `POST /contexts/file` (multipart, field `file`), or to `api.uploadStrategy`'s
 * `uploadUrl` (`direct`), or in two phases (`two_phase`: declare it with `POST
 * /contexts/file/uploads`, then send the bytes where the answer's `upload_descriptor` says), with
 * upload progress. XHR, because `fetch` cannot report upload progress; with `api.fetch` the host
 * page sends it instead (progress then jumps to done). Auth headers and the 401 refresh come from
 * the shared `ApiClient.authorized` — for a descriptor URL only when it is on the API's origin (a
 * presigned object-store URL gets the descriptor's headers and never the client secret).
 * Resolves with the file record (ours, or an OpenAI-style attachment `{id, name, mime_type,
 * preview_url}`).
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { type ApiClient, errorFromResponse } from '../api/index.js'

export type UploadedFile = { id: string; name: string; mimeType: string; size?: number; url?: string }

type XhrResult = { status: number; statusText: string; body: string }

/** Where an upload goes: `url` (`uploadStrategy.uploadUrl`), two phases, or `/contexts/file`; `viaHost`: `api.fetch` sends it. */
export type UploadTarget = { url?: string; viaHost?: boolean; twoPhase?: boolean }

type FileAnswer = Partial<UploadedFile> & { mime_type?: string; preview_url?: string }
type Descriptor = { url: string; method: 'PUT' | 'POST'; headers: Record<string, string> }
type Progress = (fraction: number) => void

export async function uploadFile(api: ApiClient, file: File, onProgress: Progress, signal: AbortSignal, target: UploadTarget = {}): Promise<UploadedFile> {
  if (target.twoPhase) return uploadTwoPhase(api, file, onProgress, signal, !!target.viaHost)
  const res = await api.authorized(
    target.url ?? '/contexts/file',
    (url, headers) => transmit(api, target.viaHost, { method: 'POST', url, headers, body: form(file), onProgress, signal }),
    signal,
  )
  return fileOf(await answerOf(res), file)
}

/** Phase one declares the file (name, size, type); phase two sends its bytes to the descriptor. */
async function uploadTwoPhase(api: ApiClient, file: File, onProgress: Progress, signal: AbortSignal, viaHost: boolean): Promise<UploadedFile> {
  const declared = await api.json<FileAnswer & { upload_descriptor?: unknown; upload_url?: unknown }>('POST', '/contexts/file/uploads', {
    body: { name: file.name, size: file.size, mime_type: file.type || 'application/octet-stream' },
    signal,
  })
  if (typeof declared?.id !== 'string' || !declared.id) throw new ChatKitError(ErrorCodes.Api, 'the upload declaration answer has no file id')
  const d = descriptorOf(declared)
  const body = d.method === 'PUT' ? file : form(file)
  const go = (url: string, headers: Record<string, string>) =>
    transmit(api, viaHost, { method: d.method, url, headers: { ...d.headers, ...headers }, body, onProgress, signal })
  const res = sameOrigin(d.url, api.url('')) ? await api.authorized(d.url, go, signal) : await go(d.url, {})
  const sent = await answerOf(res, true)
  return fileOf({ ...declared, ...(typeof sent.id === 'string' ? sent : {}) }, file)
}

/** `upload_descriptor: {url, method?, headers?}` (OpenAI ChatKit), or the older `upload_url` (a multipart POST). */
function descriptorOf(a: { upload_descriptor?: unknown; upload_url?: unknown }): Descriptor {
  const d = a.upload_descriptor as Partial<Descriptor> | undefined
  const url = typeof d?.url === 'string' ? d.url : typeof a.upload_url === 'string' ? a.upload_url : null
  if (!url || !/^https?:\/\//i.test(url))
    throw new ChatKitError(ErrorCodes.Api, 'the upload declaration answer has no http(s) upload URL (upload_descriptor.url)')
  const method = d && typeof d.url === 'string' ? (String(d.method ?? 'PUT').toUpperCase() as Descriptor['method']) : 'POST'
  if (method !== 'PUT' && method !== 'POST') throw new ChatKitError(ErrorCodes.Api, `the upload descriptor's method must be PUT or POST, not ${method}`)
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(d?.headers ?? {})) if (typeof v === 'string') headers[k] = v
  return { url, method, headers }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b, location.href).origin
  } catch {
    return false
  }
}

/** The answer's JSON, or a `ChatKitError` for a non-2xx status. `optional`: a 2xx without JSON is `{}` (an object store says nothing). */
async function answerOf(res: XhrResult, optional = false): Promise<FileAnswer> {
  if (res.status < 200 || res.status >= 300) {
    throw await errorFromResponse(new Response(res.body, { status: res.status, statusText: res.statusText }))
  }
  try {
    return JSON.parse(res.body) ?? {}
  } catch {
    if (optional) return {}
    throw new ChatKitError(ErrorCodes.Api, 'the upload answer is not JSON')
  }
}

function fileOf(body: FileAnswer, file: File): UploadedFile {
  if (typeof body?.id !== 'string' || !body.id) throw new ChatKitError(ErrorCodes.Api, 'the upload answer has no file id')
  return {
    id: body.id,
    name: body.name ?? file.name,
    mimeType: body.mimeType ?? body.mime_type ?? file.type,
    size: body.size,
    url: body.url ?? body.preview_url,
  }
}

/** One upload request, as either sender transmits it. */
type Upload = { method: string; url: string; headers: Record<string, string>; body: XMLHttpRequestBodyInit; onProgress: Progress; signal: AbortSignal }

/** Sends `u` with XHR (upload progress), or through the host page with `api.fetch` (`viaHost`). */
function transmit(api: ApiClient, viaHost: boolean | undefined, u: Upload): Promise<XhrResult> {
  return viaHost ? sendViaHost(api, u) : sendXhr(u)
}

/** The upload's form: what every upload target receives. */
function form(file: File): FormData {
  const form = new FormData()
  form.append('purpose', 'chat_attachment')
  form.append('file', file, file.name)
  return form
}

/** The same upload performed by the host page (`api.fetch`): progress jumps to done. */
async function sendViaHost(api: ApiClient, { method, url, headers, body, onProgress, signal }: Upload): Promise<XhrResult> {
  try {
    const res = await api.fetch(url, { method, headers, body: body as BodyInit, signal })
    const text = await res.text()
    onProgress(1)
    return { status: res.status, statusText: res.statusText, body: text }
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e
    throw new ChatKitError(ErrorCodes.Network, `the upload failed: ${(e as Error)?.message ?? e}`)
  }
}

function sendXhr({ method, url, headers, body, onProgress, signal }: Upload): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('upload cancelled', 'AbortError'))
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total))
    }
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, body: xhr.responseText })
    xhr.onerror = () => reject(new ChatKitError(ErrorCodes.Network, 'the connection broke during the upload'))
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'))
    signal.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(body)
  })
}
