import { MultipartReader, multipartBoundary } from './multipart.js'
import { describe, expect, it } from 'vitest'

/** A body stream that delivers `bytes` in pieces of `size` (1: byte by byte). */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close()
      c.enqueue(bytes.slice(at, (at += size)))
    },
  })
}

async function readAll(bytes: Uint8Array, boundary: string, piece: number) {
  const reader = new MultipartReader(streamOf(bytes, piece).getReader(), boundary, { maxHeaderBytes: 1024, maxParts: 10 })
  const parts: { name: string; filename: string | null; contentType: string | null; body: string }[] = []
  for (let head = await reader.next(); head; head = await reader.next()) {
    const chunks: Uint8Array[] = []
    for (let c = await reader.chunk(); c; c = await reader.chunk()) chunks.push(Buffer.from(c))
    parts.push({ ...head, body: Buffer.concat(chunks).toString('utf8') })
  }
  return parts
}

/** What undici (Node's fetch) sends for a FormData, so the reader is checked against a real encoder. */
async function encoded(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const res = new Response(form)
  return { bytes: new Uint8Array(await res.arrayBuffer()), boundary: multipartBoundary(res.headers.get('content-type')!) }
}

describe('MultipartReader', () => {
  it('reads what fetch encodes, whatever the chunking (down to one byte at a time)', async () => {
    const form = new FormData()
    form.set('purpose', 'chat_attachment')
    form.set('file', new File(['line one\r\n--almost a boundary\r\nlast'], 'na"me\r\n 😀.txt', { type: 'text/plain' }))
    form.set('threadId', '')
    const { bytes, boundary } = await encoded(form)
    const want = [
      { name: 'purpose', filename: null, contentType: null, body: 'chat_attachment' },
      { name: 'file', filename: 'na"me\r\n 😀.txt', contentType: 'text/plain', body: 'line one\r\n--almost a boundary\r\nlast' },
      { name: 'threadId', filename: null, contentType: null, body: '' },
    ]
    for (const piece of [1, 2, 3, 7, 50, 100_000]) expect(await readAll(bytes, boundary, piece)).toEqual(want)
  })

  it('takes a preamble, transport padding, a quoted boundary and filename*', async () => {
    const body =
      'ignored preamble\r\n--b1  \r\ncontent-disposition: form-data; name="file"; filename="x.txt"; filename*=UTF-8\'\'%C3%A9t%C3%A9.txt\r\n\r\nhi\r\n--b1--\r\nepilogue'
    expect(multipartBoundary('multipart/form-data; boundary="b1"')).toBe('b1')
    expect(await readAll(Buffer.from(body), 'b1', 4)).toEqual([{ name: 'file', filename: 'été.txt', contentType: null, body: 'hi' }])
  })

  it('refuses malformed bodies with a 400 saying what is wrong', async () => {
    const bad = async (body: string, message: RegExp) => {
      await expect(readAll(Buffer.from(body), 'b1', 5)).rejects.toMatchObject({ status: 400, code: 'invalid_form', message })
    }
    await bad('no delimiter at all', /no boundary found/)
    await bad('--b1\r\ncontent-disposition: form-data; name="a"\r\n\r\ncut short', /ended inside a part/)
    await bad('--b1\r\ncontent-type: text/plain\r\n\r\nx\r\n--b1--', /content-disposition: form-data/)
    await bad('--b1\r\ncontent-disposition: form-data\r\n\r\nx\r\n--b1--', /without a field name/)
    await bad(`--b1\r\ncontent-disposition: form-data; name="${'n'.repeat(2000)}"\r\n\r\nx\r\n--b1--`, /part headers longer than 1024 bytes/)
    await bad(`${'--b1\r\ncontent-disposition: form-data; name="a"\r\n\r\nx\r\n'.repeat(11)}--b1--`, /more than 10 form fields/)
    expect(() => multipartBoundary('multipart/form-data')).toThrow(/needs a boundary/)
    expect(() => multipartBoundary(`multipart/form-data; boundary=${'b'.repeat(71)}`)).toThrow(/needs a boundary/)
  })
})
