/**
 * Uploads one file to `POST /contexts/file` (multipart, field `file`) with upload progress. XHR,
 * because `fetch` cannot report upload progress; auth headers and the 401 refresh come from the
 * shared `ApiClient.authorized`. Resolves with the server's file record.
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from '../api/index.js'
import { errorFromResponse } from '../api/index.js'

export type UploadedFile = { id: string; name: string; mimeType: string; size?: number; url?: string }

type XhrResult = { status: number; statusText: string; body: string }

export async function uploadFile(api: ApiClient, file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedFile> {
  const res = await api.authorized('/contexts/file', (url, headers) => send(url, headers, file, onProgress, signal), signal)
  if (res.status < 200 || res.status >= 300) {
    throw await errorFromResponse(new Response(res.body, { status: res.status, statusText: res.statusText }))
  }
  let body: Partial<UploadedFile>
  try {
    body = JSON.parse(res.body)
  } catch {
    throw new ChatKitError(ErrorCodes.Api, 'the upload answer is not JSON')
  }
  if (typeof body?.id !== 'string' || !body.id) throw new ChatKitError(ErrorCodes.Api, 'the upload answer has no file id')
  return { id: body.id, name: body.name ?? file.name, mimeType: body.mimeType ?? file.type, size: body.size, url: body.url }
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
    const form = new FormData()
    form.append('purpose', 'chat_attachment')
    form.append('file', file, file.name)
    xhr.send(form)
  })
}
