/**
 * Uploads one file to `POST /contexts/file` (multipart, field `file`), or to `api.uploadStrategy`'s
 * `uploadUrl` (`direct`), with upload progress. XHR, because `fetch` cannot report upload progress;
 * with `api.fetch` the host page sends it instead (progress then jumps to done). Auth headers and
 * the 401 refresh come from the shared `ApiClient.authorized`. Resolves with the file record (ours,
 * or an OpenAI-style attachment `{id, name, mime_type, preview_url}` from a direct upload URL).
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { type ApiClient, errorFromResponse } from '../api/index.js'

export type UploadedFile = { id: string; name: string; mimeType: string; size?: number; url?: string }

type XhrResult = { status: number; statusText: string; body: string }

/** Where an upload goes: `url` (`uploadStrategy.uploadUrl`) or `/contexts/file`; `viaHost`: `api.fetch` sends it. */
export type UploadTarget = { url?: string; viaHost?: boolean }

export async function uploadFile(api: ApiClient, file: File, onProgress: (fraction: number) => void, signal: AbortSignal, target: UploadTarget = {}): Promise<UploadedFile> {
  const res = await api.authorized(
    target.url ?? '/contexts/file',
    (url, headers) => (target.viaHost ? sendViaHost(api, url, headers, file, onProgress, signal) : send(url, headers, file, onProgress, signal)),
    signal,
  )
  if (res.status < 200 || res.status >= 300) {
    throw await errorFromResponse(new Response(res.body, { status: res.status, statusText: res.statusText }))
  }
  let body: Partial<UploadedFile> & { mime_type?: string; preview_url?: string }
  try {
    body = JSON.parse(res.body)
  } catch {
    throw new ChatKitError(ErrorCodes.Api, 'the upload answer is not JSON')
  }
  if (typeof body?.id !== 'string' || !body.id) throw new ChatKitError(ErrorCodes.Api, 'the upload answer has no file id')
  return { id: body.id, name: body.name ?? file.name, mimeType: body.mimeType ?? body.mime_type ?? file.type, size: body.size, url: body.url ?? body.preview_url }
}

/** The upload's form: what every upload target receives. */
function form(file: File): FormData {
  const form = new FormData()
  form.append('purpose', 'chat_attachment')
  form.append('file', file, file.name)
  return form
}

/** The same upload performed by the host page (`api.fetch`). */
async function sendViaHost(api: ApiClient, url: string, headers: Record<string, string>, file: File, onProgress: (f: number) => void, signal: AbortSignal): Promise<XhrResult> {
  try {
    const res = await api.fetch(url, { method: 'POST', headers, body: form(file), signal })
    const body = await res.text()
    onProgress(1)
    return { status: res.status, statusText: res.statusText, body }
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e
    throw new ChatKitError(ErrorCodes.Network, `the upload failed: ${(e as Error)?.message ?? e}`)
  }
}

function send(url: string, headers: Record<string, string>, file: File, onProgress: (f: number) => void, signal: AbortSignal): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('upload cancelled', 'AbortError'))
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total))
    }
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, body: xhr.responseText })
    xhr.onerror = () => reject(new ChatKitError(ErrorCodes.Network, 'the connection broke during the upload'))
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'))
    signal.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(form(file))
  })
}
