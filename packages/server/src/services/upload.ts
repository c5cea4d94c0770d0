import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { FileDeps, ServiceDeps } from './deps.js'
import type { BlobWriter } from '../files/blob-store.js'
import { MultipartReader, multipartBoundary, type PartHead } from '../files/multipart.js'
import { TypeSniffer } from '../files/sniff.js'
import { badRequest, forbidden, HttpError, unsupportedMediaType } from '../http/errors.js'
import type { FileRecord, QuotaExceeded } from '../store/types.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'
import type { Principal } from './auth.js'
import { cleanFileName } from './files.js'
import { requireOwnedThread } from './threads.js'

/** Room for the multipart framing and the small text fields around the file. */
const FORM_OVERHEAD = 64 * 1024
/** Longest value of a known text field (`purpose`, `xpertId`, `threadId`). */
const FIELD_MAX = 4096

/**
 * Receives one multipart upload straight to the blob store: each piece of the file is counted
 * against the size limit, reserved against the user's quota (one store transaction), fed to the
 * type sniffer and written, so the body is never held in memory. The upload holds its quota from
 * the first byte; any failure (413 on the way, a bad field, a cut connection) removes the partial
 * bytes and frees the reservation.
 */
export async function receiveUpload(req: Request, deps: ServiceDeps, who: Principal): Promise<FileRecord> {
  const { blobs, maxBytes, quota, uploadTimeoutMs } = deps.files
  if (!blobs) throw new HttpError(501, ApiErrorCodes.FilesDisabled, 'file uploads are not enabled on this server')
  const type = req.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType(`content-type: expected multipart/form-data, got "${type || 'none'}"`)
  const boundary = multipartBoundary(type)
  if (Number(req.headers.get('content-length') ?? NaN) > maxBytes + FORM_OVERHEAD) throw tooLarge(maxBytes)
  if (!req.body) throw badRequest('file: expected a file field named "file"')

  const id = newId()
  const now = deps.clock.now()
  const expiresAt = now + uploadTimeoutMs
  const refused = await deps.store.files.beginUpload({ id, assistantId: who.assistantId, userId: who.userId, expiresAt }, quota, now)
  if (refused) throw quotaError(refused, deps)
  const parts = new MultipartReader(req.body.getReader(), boundary, { maxHeaderBytes: 16 * 1024, maxParts: 32 })
  let writer: BlobWriter | null = null
  let committed = false
  try {
    const fields = new UploadFields(deps, who)
    let file: { name: string; size: number; sniffer: TypeSniffer } | null = null
    let overhead = 0
    for (let head = await parts.next(); head; head = await parts.next()) {
      if (head.name !== 'file' || head.filename === null) {
        const value = await readField(parts, head, (n) => {
          if ((overhead += n) > FORM_OVERHEAD) throw tooLarge(maxBytes)
        })
        await fields.take(head.name, value)
        continue
      }
      if (file) throw badRequest('file: send one file per upload')
      file = { name: cleanFileName(head.filename), size: 0, sniffer: new TypeSniffer() }
      writer = await blobs.create(id)
      file.size = await pipeBytes(deps, id, expiresAt, () => parts.chunk(), file.sniffer, writer)
    }
    if (!file || !writer) throw badRequest('file: expected a file field named "file"')
    const w = writer
    return await finishFile(deps, who, { id, name: file.name, size: file.size, sniffer: file.sniffer, threadId: fields.threadId }, () =>
      w.commit().then(() => void (committed = true)),
    )
  } catch (e) {
    await parts.cancel()
    await (committed ? blobs.delete(id) : writer?.abort())
    await deps.store.files.cancelUpload(id)
    throw e
  }
}

/**
 * Streams one file's pieces to `writer`: each counted against the size limit and the upload's
 * deadline, reserved against the user's quota and fed to the type sniffer. Returns the size.
 */
export async function pipeBytes(
  deps: FileDeps,
  id: string,
  expiresAt: number,
  next: () => Promise<Uint8Array | null>,
  sniffer: TypeSniffer,
  writer: BlobWriter,
): Promise<number> {
  const { maxBytes, quota, uploadTimeoutMs } = deps.files
  let size = 0
  for (let piece = await next(); piece; piece = await next()) {
    size += piece.byteLength
    if (size > maxBytes) throw tooLarge(maxBytes)
    if (deps.clock.now() > expiresAt)
      throw new HttpError(408, ApiErrorCodes.UploadTimeout, `file: the upload took longer than ${Math.round(uploadTimeoutMs / 1000)} s`)
    const over = await deps.store.files.reserveBytes(id, piece.byteLength, quota)
    if (over) throw quotaError(over, deps)
    sniffer.push(piece)
    await writer.write(piece)
  }
  return size
}

/**
 * Checks the received file (not empty, an accepted type), commits its bytes and turns the upload
 * in progress into the stored file. The blob is in place before the record exists; the upload
 * row keeps the sweep off it meanwhile.
 */
export async function finishFile(
  deps: FileDeps,
  who: Principal,
  f: { id: string; name: string; size: number; sniffer: TypeSniffer; threadId: string | null },
  commit: () => Promise<void>,
): Promise<FileRecord> {
  if (f.size === 0) throw badRequest('file: the file is empty')
  const mimeType = f.sniffer.finish(f.name)
  if (!mimeType) throw unsupportedMediaType('file: unsupported type (images, PDF, Office documents, and UTF-8 text are accepted)')
  const record: FileRecord = {
    id: f.id,
    secretHash: who.secretHash,
    assistantId: who.assistantId,
    userId: who.userId,
    threadId: f.threadId,
    name: f.name,
    mimeType,
    size: f.size,
    createdAt: iso(deps.clock),
  }
  await commit()
  await deps.store.files.finishUpload(record)
  return record
}

/** The text fields around the file, checked as they arrive (before or after the file). */
class UploadFields {
  threadId: string | null = null

  constructor(
    private readonly deps: ServiceDeps,
    private readonly who: Principal,
  ) {}

  async take(name: string, value: string) {
    if (name === 'purpose' && value !== 'chat_attachment') throw badRequest('purpose: expected "chat_attachment"')
    if (name === 'xpertId' && value && value !== this.who.assistantId) {
      throw forbidden(`xpertId: this client secret is scoped to assistant "${this.who.assistantId}"`)
    }
    if (name === 'threadId' && value) this.threadId = (await requireOwnedThread(this.deps, this.who, value)).id
  }
}

/** A text field's value (a known field at most FIELD_MAX bytes; any field counts toward the form overhead). */
async function readField(parts: MultipartReader, head: PartHead, count: (n: number) => void): Promise<string> {
  const known = head.name === 'purpose' || head.name === 'xpertId' || head.name === 'threadId'
  const pieces: Uint8Array[] = []
  let size = 0
  for (let piece = await parts.chunk(); piece; piece = await parts.chunk()) {
    count(piece.byteLength)
    size += piece.byteLength
    if (!known) continue
    if (size > FIELD_MAX) throw badRequest(`${head.name}: longer than ${FIELD_MAX} bytes`)
    pieces.push(Buffer.from(piece))
  }
  return Buffer.concat(pieces).toString('utf8')
}

export function tooLarge(maxBytes: number) {
  return new HttpError(413, ApiErrorCodes.FileTooLarge, `file: larger than ${maxBytes} bytes`, { connection: 'close' })
}

export function quotaError(over: QuotaExceeded, deps: Pick<FileDeps, 'files'>): HttpError {
  const q = deps.files.quota
  switch (over) {
    case 'files':
      return new HttpError(429, ApiErrorCodes.FileLimit, `at most ${q.maxFiles} files per user; delete conversations with files to make room`)
    case 'bytes':
      return new HttpError(429, ApiErrorCodes.StorageLimit, `at most ${q.maxBytes} bytes of files per user; delete conversations with files to make room`)
    case 'concurrent':
      return new HttpError(429, ApiErrorCodes.UploadConcurrency, `at most ${q.maxConcurrent} uploads at once per user; wait for one to finish`, {
        'retry-after': '1',
      })
    case 'disk':
      return new HttpError(507, ApiErrorCodes.StorageFull, 'the server has no room for more uploads; try again later')
  }
}
