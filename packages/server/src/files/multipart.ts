import { bodyReadError } from '../http/body.js'
import { badRequest, HttpError } from '../http/errors.js'

/** One part's headers: the form field name, the file name when it is a file, and its declared type. */
export type PartHead = { name: string; filename: string | null; contentType: string | null }

export type MultipartLimits = {
  /** Largest header block of one part (bytes). */
  maxHeaderBytes: number
  /** Most parts in one body. */
  maxParts: number
}

const CRLF2 = Buffer.from('\r\n\r\n')

/**
 * A streaming `multipart/form-data` reader over a WHATWG body stream (RFC 7578). It never holds
 * more than one incoming chunk plus a boundary's length of a part body: `next()` moves to the next
 * part (skipping what is left of the current one), `chunk()` yields the current part's bytes piece
 * by piece and null at its end. Malformed input is a 400 `invalid_form` naming what is wrong.
 */
export class MultipartReader {
  private buf: Buffer = Buffer.alloc(0)
  private state: 'preamble' | 'boundary' | 'body' | 'end' = 'preamble'
  private readonly delimiter: Buffer
  private parts = 0

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    boundary: string,
    private readonly limits: MultipartLimits,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`)
    // The first delimiter may start the body without the CRLF in front of it.
    this.buf = Buffer.from('\r\n')
  }

  /** The next part's headers, or null after the closing delimiter. */
  async next(): Promise<PartHead | null> {
    while (this.state === 'body') await this.chunk()
    if (this.state === 'end') return null
    if (this.state === 'preamble') {
      await this.skipTo(this.delimiter)
      this.state = 'boundary'
    }
    await this.need(2)
    if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
      this.state = 'end'
      return null
    }
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    const eol = await this.find(Buffer.from('\r\n'), 1024, 'a boundary line')
    if (!/^[ \t]*$/.test(this.buf.subarray(0, eol).toString('latin1'))) throw malformed('unexpected bytes after a boundary')
    this.buf = this.buf.subarray(eol + 2)
    if (++this.parts > this.limits.maxParts) throw badRequest(`request body: more than ${this.limits.maxParts} form fields`, 'invalid_form')
    // A part with no headers has its blank line right away.
    await this.need(2)
    const end = this.buf[0] === 0x0d && this.buf[1] === 0x0a ? -2 : await this.find(CRLF2, this.limits.maxHeaderBytes, 'part headers')
    const head = parseHeaders(end < 0 ? '' : this.buf.subarray(0, end).toString('utf8'))
    this.buf = this.buf.subarray(end + 4)
    this.state = 'body'
    return head
  }

  /** The next piece of the current part's body, or null at its end. */
  async chunk(): Promise<Uint8Array | null> {
    if (this.state !== 'body') return null
    for (;;) {
      const at = this.buf.indexOf(this.delimiter)
      if (at >= 0) {
        const out = this.buf.subarray(0, at)
        this.buf = this.buf.subarray(at + this.delimiter.length)
        this.state = 'boundary'
        return out.length ? out : null
      }
      // Keep what could be the start of a delimiter split across chunks.
      const keep = this.delimiter.length - 1
      if (this.buf.length > keep) {
        const out = this.buf.subarray(0, this.buf.length - keep)
        this.buf = this.buf.subarray(this.buf.length - keep)
        return out
      }
      if (!(await this.fill())) throw malformed('the body ended inside a part')
    }
  }

  /** Stops reading the request body (after an error, or once the answer is known). */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {})
  }

  private async fill(): Promise<boolean> {
    const { done, value } = await this.reader.read().catch((e: unknown) => {
      throw bodyReadError(e)
    })
    if (done) return false
    this.buf = this.buf.length ? Buffer.concat([this.buf, value]) : Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    return true
  }

  private async need(n: number) {
    while (this.buf.length < n) if (!(await this.fill())) throw malformed('the body ended early')
  }

  /** Drops bytes up to and including `marker` (the preamble before the first delimiter). */
  private async skipTo(marker: Buffer) {
    for (;;) {
      const at = this.buf.indexOf(marker)
      if (at >= 0) {
        this.buf = this.buf.subarray(at + marker.length)
        return
      }
      if (this.buf.length > 64 * 1024) throw malformed('no boundary found (check the boundary parameter of content-type)')
      if (!(await this.fill())) throw malformed('no boundary found (check the boundary parameter of content-type)')
    }
  }

  /** Index of `marker` in the buffer, reading on; `max` bounds how far it may be. */
  private async find(marker: Buffer, max: number, what: string): Promise<number> {
    for (;;) {
      const at = this.buf.indexOf(marker)
      if (at >= 0 && at <= max) return at
      if (this.buf.length > max + marker.length) throw new HttpError(400, 'invalid_form', `request body: ${what} longer than ${max} bytes`)
      if (!(await this.fill())) throw malformed(`the body ended inside ${what}`)
    }
  }
}

/** The boundary parameter of a `multipart/form-data` content type (RFC 2046: 1-70 characters). */
export function multipartBoundary(contentType: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) throw badRequest('content-type: multipart/form-data needs a boundary parameter (1-70 characters)', 'invalid_form')
  return boundary
}

function parseHeaders(block: string): PartHead {
  let disposition = ''
  let contentType: string | null = null
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed('a part header without a name')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'content-disposition') disposition = value
    else if (name === 'content-type') contentType = value
  }
  if (!/^form-data\s*(;|$)/i.test(disposition)) throw malformed('a part without "content-disposition: form-data"')
  const params = new Map<string, string>()
  for (const m of disposition.matchAll(/;\s*([\w*.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    params.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3])
  }
  const name = params.get('name')
  if (name === undefined) throw malformed('a part without a field name')
  return { name, filename: fileName(params), contentType }
}

/** `filename*=UTF-8''…` (RFC 5987) wins over `filename="…"`; browsers percent-encode `"`, CR and LF in the latter. */
function fileName(params: Map<string, string>): string | null {
  const extended = params.get('filename*')
  const ext = extended ? /^utf-8'[^']*'(.*)$/i.exec(extended) : null
  if (ext) {
    try {
      return decodeURIComponent(ext[1])
    } catch {
      // Not valid percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = params.get('filename')
  return plain === undefined ? null : plain.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n')
}

const malformed = (what: string) => badRequest(`request body: malformed multipart form data (${what})`, 'invalid_form')
