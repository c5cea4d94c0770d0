import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { isId } from '../util/ids.js'

/**
 * Bytes of uploaded files, by id. An interface so an object store (S3, GCS) can replace the disk:
 * a multipart upload maps onto `create` / `write` / `commit`, a download onto `open`.
 */
export interface BlobStore {
  /** Starts writing a new blob; nothing is readable under `id` until `commit`. */
  create(id: string): Promise<BlobWriter>
  /** The blob's size and a stream of its bytes (read as sent, never whole in memory); null when missing. */
  open(id: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | null>
  /** Removes the blob and any partial write of it; a no-op when there is none. */
  delete(id: string): Promise<void>
  /** Every blob, committed or partial (for the orphan sweep, which deletes those the store does not know). */
  list(): AsyncIterable<string>
}

export interface BlobWriter {
  /** Appends bytes; resolves once they are handed to the storage (backpressure). */
  write(chunk: Uint8Array): Promise<void>
  /** Makes the blob readable under its id. */
  commit(): Promise<void>
  /** Drops what was written. Safe to call after a failed write or twice. */
  abort(): Promise<void>
}

/**
 * Files under `<dir>/<id>`, written first to `<dir>/.partial/<id>` and renamed into place on
 * commit, so a crash never leaves a half file under a real id. Ids are server-made UUIDs and are
 * checked again here, so no client string (least of all a file name) ever becomes part of a path.
 */
export class DiskBlobStore implements BlobStore {
  private readonly partialDir: string

  constructor(private readonly dir: string) {
    this.partialDir = join(dir, '.partial')
  }

  private path(id: string, partial = false): string {
    if (!isId(id)) throw new Error(`blob id "${id.slice(0, 64)}" is not a server id`)
    return join(partial ? this.partialDir : this.dir, id)
  }

  async create(id: string): Promise<BlobWriter> {
    const partial = this.path(id, true)
    const final = this.path(id)
    await mkdir(this.partialDir, { recursive: true, mode: 0o700 })
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 })
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject))
    let failed: Error | null = null
    out.on('error', (e) => (failed ??= e))
    const ended = (s: WriteStream) => new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())))
    return {
      async write(chunk) {
        if (failed) throw failed
        if (!out.write(chunk)) {
          await new Promise<void>((resolve, reject) => {
            const done = () => (out.off('error', reject), resolve())
            out.once('drain', done).once('error', reject)
          })
        }
      },
      async commit() {
        if (failed) throw failed
        await ended(out)
        await rename(partial, final)
      },
      async abort() {
        out.destroy()
        await rm(partial, { force: true })
      },
    }
  }

  async open(id: string) {
    let file: FileHandle
    try {
      // Opened first: a delete during the download unlinks the name, the open file reads on.
      file = await open(this.path(id), 'r')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    const { size } = await file.stat()
    let at = 0
    const close = () => file.close().catch(() => {})
    // Pulled one piece at a time, so a slow client holds one piece in memory, not the file.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          const piece = Buffer.allocUnsafe(256 * 1024)
          const { bytesRead } = await file.read(piece, 0, piece.length, at).catch(async (e) => (await close(), Promise.reject(e)))
          if (bytesRead === 0) {
            await close()
            return c.close()
          }
          at += bytesRead
          c.enqueue(piece.subarray(0, bytesRead))
        },
        cancel: close,
      },
      { highWaterMark: 0 },
    )
    return { size, body }
  }

  async delete(id: string) {
    await rm(this.path(id, true), { force: true })
    await rm(this.path(id), { force: true })
  }

  async *list(): AsyncIterable<string> {
    for (const dir of [this.dir, this.partialDir]) {
      const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return [] as string[]
        throw e
      })
      for (const name of names) if (isId(name)) yield name
    }
  }
}
