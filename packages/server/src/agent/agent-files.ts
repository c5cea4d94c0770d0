import type { BlobStore } from '../files/blob-store.js'
import type { Owner, Store } from '../store/types.js'
import { isId } from '../util/ids.js'
import type { AgentFile, AgentFiles } from './types.js'

/** Text files larger than this are refused by `text()` unless the agent asks for more. */
const DEFAULT_TEXT_LIMIT = 1024 * 1024

/** Thrown when an agent asks for a file that is missing, someone else's, or too large to read as text. */
export class AgentFileError extends Error {
  override name = 'AgentFileError'
}

/**
 * `ctx.files`: an agent reads the uploads of the user it answers (the thread's owner) straight
 * from the store, without the end user's client secret. Another user's file reads as missing.
 * `save` (services/agent-save.ts) stores a file the agent made.
 */
export function agentFiles(store: Store, blobs: BlobStore | null, owner: Owner, save: AgentFiles['save']): AgentFiles {
  const read = async (file: AgentFile | string): Promise<{ bytes: Uint8Array; name: string }> => {
    const id = typeof file === 'string' ? file : file.id
    const f = isId(id) ? await store.files.get(id) : null
    if (!f || f.assistantId !== owner.assistantId || f.userId !== owner.userId) throw new AgentFileError(`file ${id.slice(0, 64)} not found`)
    const blob = await blobs?.open(f.id)
    if (!blob) throw new AgentFileError(`file ${f.id}: its bytes are gone from the file store`)
    return { bytes: new Uint8Array(await new Response(blob.body).arrayBuffer()), name: f.name }
  }
  return {
    save,
    async bytes(file) {
      return (await read(file)).bytes
    },
    async text(file, options = {}) {
      const limit = options.maxBytes ?? DEFAULT_TEXT_LIMIT
      const { bytes, name } = await read(file)
      if (bytes.byteLength > limit)
        throw new AgentFileError(`file ${name}: ${bytes.byteLength} bytes is more than the ${limit} bytes text() reads; pass { maxBytes }`)
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes)
    },
  }
}
