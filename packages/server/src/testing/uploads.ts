import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const BOUNDARY = 'test-boundary-7f3a9c'

/** The multipart head of a `file` part (what comes before its bytes). */
export function fileHead(name: string, fields: Record<string, string> = {}): Buffer {
  const text = Object.entries(fields)
    .map(([k, v]) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
  return Buffer.from(
    `${text}--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
  )
}

const FORM_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
export const FORM_TYPE = `multipart/form-data; boundary=${BOUNDARY}`

/** `POST /contexts/file` with a FormData body (what browsers send). */
export function uploadForm(api: string, secret: string, bytes: BlobPart, name = 'a.txt', fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new File([bytes], name))
  return fetch(`${api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form })
}

/**
 * An upload whose body stops after `first` bytes of the file until `finish()` (or `fail()`): an
 * upload in progress that tests can hold open. Streams without a content-length.
 */
export function heldUpload(api: string, secret: string, first: Uint8Array, rest: Uint8Array = new Uint8Array(0)) {
  let release!: (go: boolean) => void
  const gate = new Promise<boolean>((r) => (release = r))
  const body = new ReadableStream<Uint8Array>({
    async start(c) {
      c.enqueue(fileHead('held.txt'))
      c.enqueue(first)
      if (!(await gate)) return c.error(new Error('client gave up'))
      c.enqueue(rest)
      c.enqueue(FORM_TAIL)
      c.close()
    },
  })
  const response = fetch(`${api}/contexts/file`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': FORM_TYPE },
    body,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; DOM typings lack it.
    duplex: 'half',
  })
  return { response, finish: () => release(true), fail: () => release(false) }
}

/** Blob ids in a DiskBlobStore directory: committed ones and partial ones. */
export function blobsOnDisk(dir: string): { done: string[]; partial: string[] } {
  const list = (d: string) => {
    try {
      return readdirSync(d).filter((n) => !n.startsWith('.'))
    } catch {
      return []
    }
  }
  return { done: list(dir), partial: list(join(dir, '.partial')) }
}

/** Polls `check` until it is true (a positive signal), at most `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
