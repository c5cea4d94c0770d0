import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isId } from '../util/ids.js'

/** Bytes of uploaded files, by id. An interface so an object store (S3, GCS) can replace the disk. */
export interface BlobStore {
  put(id: string, bytes: Uint8Array): Promise<void>
  get(id: string): Promise<Uint8Array<ArrayBuffer> | null>
  delete(id: string): Promise<void>
}

/**
 * Files under `<dir>/<id>`. Ids are server-made UUIDs and are checked again here, so no client
 * string (least of all a file name) ever becomes part of a path.
 */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private path(id: string): string {
    if (!isId(id)) throw new Error(`blob id "${id.slice(0, 64)}" is not a server id`)
    return join(this.dir, id)
  }

  async put(id: string, bytes: Uint8Array) {
    await mkdir(this.dir, { recursive: true })
    await writeFile(this.path(id), bytes, { flag: 'wx', mode: 0o600 })
  }

  async get(id: string) {
    try {
      return await readFile(this.path(id))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  async delete(id: string) {
    await rm(this.path(id), { force: true })
  }
}
