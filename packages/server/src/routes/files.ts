import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { HttpError, jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { INLINE_SAFE } from '../files/sniff.js'
import { toApiFile } from '../shapes/api-shapes.js'
import { fileUrl, requireOwnedFile } from '../services/files.js'
import { receiveUpload } from '../services/upload.js'

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
