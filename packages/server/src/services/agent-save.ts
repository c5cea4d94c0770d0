import type { SavedFile } from '../agent/types.js'
import { AgentFileError } from '../agent/agent-files.js'
import { TypeSniffer } from '../files/sniff.js'
import { HttpError } from '../http/errors.js'
import type { BlobWriter } from '../files/blob-store.js'
import type { Owner } from '../store/types.js'
import { newId } from '../util/ids.js'
import type { FileDeps } from './deps.js'
import { cleanFileName } from './files.js'
import { finishFile, pipeBytes, quotaError } from './upload.js'

/** Stands for the client secret in the audit column of a file an agent saved (no secret uploaded it). */
const AGENT_SAVED = 'agent'

/**
 * `ctx.files.save`: stores bytes an agent made as a file of the thread's user, through the same
 * steps as an upload (quota reserved first, size limit, type sniffed from the bytes, blob written
 * before its record), and links it to the conversation so it lives as long as that. Any refusal
 * (no file store, a limit, an unaccepted type) throws `AgentFileError` with the reason; nothing
 * partial stays behind.
 */
export async function saveAgentFile(deps: FileDeps, owner: Owner, threadId: string, file: { name: string; bytes: Uint8Array | string }): Promise<SavedFile> {
  const { blobs, quota, uploadTimeoutMs } = deps.files
  if (!blobs) throw new AgentFileError('files.save: this server stores no files (file uploads are off)')
  if (typeof file?.name !== 'string' || !file.name.trim()) throw new AgentFileError('files.save: name must be a non-empty string')
  const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes
  if (!(bytes instanceof Uint8Array)) throw new AgentFileError('files.save: bytes must be a Uint8Array or a string')
  const id = newId()
  const now = deps.clock.now()
  const expiresAt = now + uploadTimeoutMs
  const refused = await deps.store.files.beginUpload({ id, ...owner, expiresAt }, quota, now)
  if (refused) throw new AgentFileError(`files.save: ${quotaError(refused, deps).message}`)
  let writer: BlobWriter | null = null
  let committed = false
  try {
    writer = await blobs.create(id)
    const sniffer = new TypeSniffer()
    let given = false
    const next = async () => (given ? null : ((given = true), bytes))
    const size = await pipeBytes(deps, id, expiresAt, next, sniffer, writer)
    const w = writer
    const who = { ...owner, secretHash: AGENT_SAVED }
    const record = await finishFile(deps, who, { id, name: cleanFileName(file.name), size, sniffer, threadId }, () =>
      w.commit().then(() => void (committed = true)),
    )
    await deps.store.files.attach([id], threadId)
    return { id, name: record.name, mimeType: record.mimeType, size: record.size }
  } catch (e) {
    await (committed ? blobs.delete(id) : writer?.abort())
    await deps.store.files.cancelUpload(id)
    throw e instanceof HttpError ? new AgentFileError(`files.save: ${e.message}`) : e
  }
}
