import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { readBytes } from '../http/body.js'
import { badRequest, forbidden, HttpError, jsonResponse, unsupportedMediaType } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { INLINE_SAFE, sniffMimeType } from '../files/sniff.js'
import { toApiFile } from '../services/api-shapes.js'
import { cleanFileName, fileUrl, requireOwnedFile } from '../services/files.js'
import { requireOwnedThread } from '../services/threads.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'

/** Room for the multipart framing and the small text fields around the file. */
const FORM_OVERHEAD = 64 * 1024

/**
 * `POST /contexts/file` (multipart: `file`, `purpose=chat_attachment`, `xpertId`, `threadId?`).
 * The type is sniffed from the bytes; the bytes go to the blob store under a fresh id.
 */
export async function uploadFile({ req, url, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const blobs = deps.files.blobs
  if (!blobs) throw new HttpError(501, ApiErrorCodes.FilesDisabled, 'file uploads are not enabled on this server')
  const type = req.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType(`content-type: expected multipart/form-data, got "${type || 'none'}"`)
  const body = await readBytes(req, deps.files.maxBytes + FORM_OVERHEAD)
  let form: FormData
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData()
  } catch {
    throw badRequest('request body: malformed multipart form data', ApiErrorCodes.InvalidForm)
  }
  const file = form.get('file')
  if (!file || typeof file === 'string') throw badRequest('file: expected a file field named "file"')
  if (file.size > deps.files.maxBytes) throw new HttpError(413, ApiErrorCodes.FileTooLarge, `file: larger than ${deps.files.maxBytes} bytes`)
  if (file.size === 0) throw badRequest('file: the file is empty')
  const purpose = form.get('purpose')
  if (purpose !== null && purpose !== 'chat_attachment') throw badRequest('purpose: expected "chat_attachment"')
  const xpertId = form.get('xpertId')
  if (typeof xpertId === 'string' && xpertId && xpertId !== who.assistantId) {
    throw forbidden(`xpertId: this client secret is scoped to assistant "${who.assistantId}"`)
  }
  const threadField = form.get('threadId')
  const threadId = typeof threadField === 'string' && threadField ? (await requireOwnedThread(deps, who, threadField)).id : null
  if ((await deps.store.files.countBySecret(who.secretHash)) >= deps.files.maxPerSecret) {
    throw new HttpError(429, ApiErrorCodes.FileLimit, `at most ${deps.files.maxPerSecret} files per session; start a new session`)
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const name = cleanFileName(file.name)
  const mimeType = sniffMimeType(bytes, name)
  if (!mimeType) throw unsupportedMediaType('file: unsupported type (images, PDF, Office documents, and UTF-8 text are accepted)')
  const record = {
    id: newId(), secretHash: who.secretHash, assistantId: who.assistantId, userId: who.userId, threadId,
    name, mimeType, size: bytes.byteLength, createdAt: iso(deps.clock),
  }
  await blobs.put(record.id, bytes)
  await deps.store.files.create(record)
  return jsonResponse(200, toApiFile(record, fileUrl(deps, url.origin, record.id)))
}

/**
 * `GET /contexts/file/{id}`: the bytes, to their owner only. Only plain images are shown inline;
 * everything else downloads. `nosniff` and a sandboxing CSP keep a file from running as a page.
 */
export async function getFile({ deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const f = await requireOwnedFile(deps, await principal(), id)
  const bytes = await deps.files.blobs?.get(f.id)
  if (!bytes) throw new HttpError(404, ApiErrorCodes.NotFound, `file ${f.id} has no stored content`)
  const disposition = INLINE_SAFE.has(f.mimeType) ? 'inline' : 'attachment'
  return new Response(bytes, {
    status: 200,
    headers: {
      'content-type': f.mimeType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  })
}
