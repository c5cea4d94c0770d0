/**
 * Two-phase uploads (`api.uploadStrategy: {type: 'two_phase'}`, OpenAI ChatKit's strategy): the
 * client first declares the file and gets its id and an `upload_descriptor` (`url`, `method`,
 * `headers`), then sends the bytes there. On this server the descriptor points at
 * `PUT /contexts/file/uploads/{id}`, which takes the raw bytes from the same user; a backend of
 * the host's own may point it anywhere (a presigned object-store URL). Declaring holds one of the
 * user's upload slots (and one file of the quota) until the bytes arrive, or until the upload
 * time limit passes and the sweep frees it. What the declaration said is not trusted: the size
 * is counted again and the type sniffed from the bytes, as for a multipart upload.
 */
import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { badRequest, forbidden, HttpError, notFound } from '../http/errors.js'
import { expectString, optionalString } from '../http/validate.js'
import type { FileRecord } from '../store/types.js'
import { TypeSniffer } from '../files/sniff.js'
import { isId, newId } from '../util/ids.js'
import type { Principal } from './auth.js'
import type { ServiceDeps } from './deps.js'
import { cleanFileName } from './files.js'
import { requireOwnedThread } from './threads.js'
import { finishFile, pipeBytes, quotaError, tooLarge } from './upload.js'

export type DeclaredUpload = { id: string; name: string; size: number; threadId: string | null; expiresAt: number }

/** Phase one: checks the declaration (`name`, `size`, optional `threadId`/`xpertId`) and begins an upload in progress. */
export async function declareUpload(deps: ServiceDeps, who: Principal, body: Record<string, unknown>): Promise<DeclaredUpload> {
  const { blobs, maxBytes, quota, uploadTimeoutMs } = deps.files
  if (!blobs) throw new HttpError(501, ApiErrorCodes.FilesDisabled, 'file uploads are not enabled on this server')
  const name = cleanFileName(expectString(body.name, 'name', 1024))
  const size = body.size
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) throw badRequest('size: expected the file size in bytes, a positive integer')
  if (size > maxBytes) throw tooLarge(maxBytes)
  const xpertId = optionalString(body.xpertId, 'xpertId')
  if (xpertId && xpertId !== who.assistantId) throw forbidden(`xpertId: this client secret is scoped to assistant "${who.assistantId}"`)
  const thread = optionalString(body.threadId, 'threadId')
  const threadId = thread ? (await requireOwnedThread(deps, who, thread)).id : null
  const id = newId()
  const now = deps.clock.now()
  const expiresAt = now + uploadTimeoutMs
  const refused = await deps.store.files.beginUpload({ id, assistantId: who.assistantId, userId: who.userId, expiresAt }, quota, now)
  if (refused) throw quotaError(refused, deps)
  return { id, name, size, threadId, expiresAt }
}

/**
 * Phase two: the raw bytes of a declared upload, from the user who declared it, before it
 * expires. `name` and `threadId` come back from the descriptor URL (checked again). Anything
 * else — an unknown, finished, expired or someone else's upload — is a 404, and a failure on the
 * way cancels the upload (the client declares again).
 */
export async function receiveDeclared(
  req: Request,
  deps: ServiceDeps,
  who: Principal,
  id: string,
  params: { name: string | null; threadId: string | null },
): Promise<FileRecord> {
  const blobs = deps.files.blobs
  if (!blobs) throw new HttpError(501, ApiErrorCodes.FilesDisabled, 'file uploads are not enabled on this server')
  const pending = isId(id) ? await deps.store.files.pendingUpload(id) : null
  if (!pending || pending.assistantId !== who.assistantId || pending.userId !== who.userId || pending.expiresAt < deps.clock.now()) {
    throw notFound(
      `upload ${id.slice(0, 64)} not found (declare it first with POST /contexts/file/uploads; it lasts ${Math.round(deps.files.uploadTimeoutMs / 1000)} s)`,
    )
  }
  if (Number(req.headers.get('content-length') ?? NaN) > deps.files.maxBytes) {
    await deps.store.files.cancelUpload(id)
    throw tooLarge(deps.files.maxBytes)
  }
  let committed = false
  // A second PUT while the first is still writing finds the partial file taken.
  const writer = await blobs.create(id).catch(() => {
    throw new HttpError(409, ApiErrorCodes.Conflict, `upload ${id}: its bytes are already being sent`)
  })
  const reader = req.body?.getReader()
  try {
    const name = cleanFileName(params.name ?? '')
    const threadId = params.threadId ? (await requireOwnedThread(deps, who, params.threadId)).id : null
    const sniffer = new TypeSniffer()
    const next = async () => (reader ? ((await reader.read()).value ?? null) : null)
    const size = await pipeBytes(deps, id, pending.expiresAt, next, sniffer, writer)
    return await finishFile(deps, who, { id, name, size, sniffer, threadId }, () => writer.commit().then(() => void (committed = true)))
  } catch (e) {
    await reader?.cancel().catch(() => {})
    // Committed but not recorded: a PUT that lost a race to the same upload leaves the winner's file.
    if (!committed) await writer.abort()
    else if (!(await deps.store.files.get(id))) await blobs.delete(id)
    await deps.store.files.cancelUpload(id)
    throw e
  }
}
