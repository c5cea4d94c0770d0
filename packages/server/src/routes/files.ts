import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { HttpError, jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { INLINE_SAFE } from '../files/sniff.js'
import { toApiFile } from '../shapes/api-shapes.js'
import { fileUrl, requireOwnedFile } from '../services/files.js'
import { receiveUpload } from '../services/upload.js'
import { declareUpload as declare, receiveDeclared } from '../services/two-phase-upload.js'
import { readJson } from '../http/body.js'
import { expectRecord } from '../http/validate.js'

/**
 * `POST /contexts/file` (multipart: `file`, `purpose=chat_attachment`, `xpertId`, `threadId?`).
 * The bytes stream to the blob store under a fresh id, within the user's quotas; the type is
 * sniffed from the bytes.
 */
export async function uploadFile({ req, url, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const record = await receiveUpload(req, deps, who)
  return jsonResponse(200, toApiFile(record, fileUrl(deps, url.origin, record.id)))
}

/**
 * `GET /contexts/file/{id}`: the bytes, to their owner only. Only plain images are shown inline;
 * everything else downloads. `nosniff` and a sandboxing CSP keep a file from running as a page.
 * The bytes stream from the blob store, never whole in memory.
 */
export async function getFile({ deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const f = await requireOwnedFile(deps, await principal(), id)
  const blob = await deps.files.blobs?.open(f.id)
  if (!blob) throw new HttpError(404, ApiErrorCodes.NotFound, `file ${f.id} has no stored content`)
  const disposition = INLINE_SAFE.has(f.mimeType) ? 'inline' : 'attachment'
  return new Response(blob.body, {
    status: 200,
    headers: {
      'content-type': f.mimeType,
      'content-length': String(blob.size),
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  })
}

/**
 * `POST /contexts/file/uploads` (JSON `{name, size, mime_type?, threadId?, xpertId?}`): phase one of
 * a two-phase upload. Answers with the upload's id and where to send the bytes, in OpenAI
 * ChatKit's `upload_descriptor` shape; the descriptor's URL carries the name and conversation back.
 */
export async function declareUpload({ req, url, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const body = expectRecord(await readJson(req, deps.maxBodyBytes), 'request body')
  const d = await declare(deps, who, body)
  const put = new URL(`${deps.publicOrigin ?? url.origin}${deps.basePath}/contexts/file/uploads/${d.id}`)
  put.searchParams.set('name', d.name)
  if (d.threadId) put.searchParams.set('threadId', d.threadId)
  return jsonResponse(200, {
    id: d.id,
    name: d.name,
    size: d.size,
    expires_at: new Date(d.expiresAt).toISOString(),
    upload_descriptor: { url: put.href, method: 'PUT', headers: { 'content-type': 'application/octet-stream' } },
  })
}

/** `PUT /contexts/file/uploads/{id}?name=…&threadId=…`: phase two, the raw bytes; answers like `POST /contexts/file`. */
export async function sendDeclaredUpload({ req, url, deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const who = await principal()
  const record = await receiveDeclared(req, deps, who, id, { name: url.searchParams.get('name'), threadId: url.searchParams.get('threadId') })
  return jsonResponse(200, toApiFile(record, fileUrl(deps, url.origin, record.id)))
}
