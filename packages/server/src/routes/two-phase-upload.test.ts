import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 0, uploadLimits: { maxConcurrentPerUser: 2, maxBytes: 1000, uploadTimeoutMs: 60_000 } })))
afterAll(() => s.close())

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
type Declared = {
  id: string
  name: string
  size: number
  expires_at: string
  upload_descriptor: { url: string; method: string; headers: Record<string, string> }
}
const declare = (secret: string, body: unknown) => s.call(secret, 'POST', '/contexts/file/uploads', body)
const put = (secret: string, url: string, bytes: BodyInit, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/octet-stream', ...headers }, body: bytes })

describe('two-phase uploads: POST /contexts/file/uploads, then PUT the bytes to the descriptor', () => {
  it('declares, sends and stores a file that reads back like a multipart upload, once', async () => {
    const a = await s.session('two-a')
    const thread = await s.thread(a)
    const res = await declare(a, { name: '../x/picture.png', size: PNG.length, mime_type: 'image/png', threadId: thread, xpertId: 'demo' })
    expect(res.status).toBe(200)
    const d = (await res.json()) as Declared
    expect(d).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'picture.png',
      size: PNG.length,
      upload_descriptor: { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } },
    })
    expect(d.upload_descriptor.url).toBe(`${s.api}/contexts/file/uploads/${d.id}?name=picture.png&threadId=${thread}`)
    expect((await s.store.files.usage({ assistantId: 'demo', userId: 'two-a' })).files).toBe(1)
    const sent = await put(a, d.upload_descriptor.url, PNG)
    expect(sent.status).toBe(200)
    const f = await sent.json()
    expect(f).toEqual({
      id: d.id,
      name: 'picture.png',
      mimeType: 'image/png',
      size: PNG.length,
      url: `${s.api}/contexts/file/${d.id}`,
      createdAt: expect.any(String),
    })
    expect((await s.store.files.get(d.id))?.threadId).toBe(thread)
    const got = await fetch(f.url, { headers: { authorization: `Bearer ${a}` } })
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG)
    // The declared upload is used up: sending again finds nothing.
    const again = await put(a, d.upload_descriptor.url, PNG)
    expect(again.status).toBe(404)
    expect((await again.json()).error.code).toBe('not_found')
    expect((await fetch(f.url, { headers: { authorization: `Bearer ${a}` } })).status).toBe(200)
  })

  it('only the user who declared it can send the bytes; nobody without a secret', async () => {
    const a = await s.session('two-owner')
    const b = await s.session('two-other')
    const d = (await (await declare(a, { name: 'a.png', size: PNG.length })).json()) as Declared
    expect((await put(b, d.upload_descriptor.url, PNG)).status).toBe(404)
    expect((await fetch(d.upload_descriptor.url, { method: 'PUT', body: PNG })).status).toBe(401)
    expect((await put(a, d.upload_descriptor.url, PNG)).status).toBe(200)
  })

  it('refuses bad declarations with clear errors, before any byte is sent', async () => {
    const a = await s.session('two-bad')
    const cases: [unknown, number, string][] = [
      [{ size: 3 }, 400, 'name'],
      [{ name: 'a.png' }, 400, 'size'],
      [{ name: 'a.png', size: 0 }, 400, 'size'],
      [{ name: 'a.png', size: 1.5 }, 400, 'size'],
      [{ name: 'a.png', size: 1001 }, 413, 'larger than 1000 bytes'],
      [{ name: 'a.png', size: 3, xpertId: 'someone-else' }, 403, 'xpertId'],
      [{ name: 'a.png', size: 3, threadId: 'no-such-thread' }, 404, 'no-such-thread'],
    ]
    for (const [body, status, says] of cases) {
      const res = await declare(a, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect((await res.json()).error.message).toContain(says)
    }
    expect((await s.store.files.usage({ assistantId: 'demo', userId: 'two-bad' })).files).toBe(0)
  })

  it('what is sent is checked as for any upload: the real size, the sniffed type, an empty body; a failure frees the slot', async () => {
    const a = await s.session('two-check')
    const d1 = (await (await declare(a, { name: 'big.png', size: 10 })).json()) as Declared
    const big = await put(a, d1.upload_descriptor.url, new Uint8Array(1001))
    expect(big.status).toBe(413)
    const d2 = (await (await declare(a, { name: 'run.png', size: 5 })).json()) as Declared
    const elf = await put(a, d2.upload_descriptor.url, Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0]))
    expect(elf.status).toBe(415)
    const d3 = (await (await declare(a, { name: 'none.txt', size: 5 })).json()) as Declared
    expect((await put(a, d3.upload_descriptor.url, new Uint8Array(0))).status).toBe(400)
    // Each failed upload was cancelled: nothing is held, and the declared ids are gone.
    expect(await s.store.files.usage({ assistantId: 'demo', userId: 'two-check' })).toEqual({ files: 0, bytes: 0 })
    for (const d of [d1, d2, d3]) expect(await s.store.files.pendingUpload(d.id)).toBeNull()
  })

  it('a declaration holds an upload slot until it expires; an expired one cannot be sent', async () => {
    const a = await s.session('two-slots')
    const d1 = (await (await declare(a, { name: 'a.png', size: PNG.length })).json()) as Declared
    const d2 = (await (await declare(a, { name: 'b.png', size: PNG.length })).json()) as Declared
    const third = await declare(a, { name: 'c.png', size: PNG.length })
    expect(third.status).toBe(429)
    expect((await third.json()).error.code).toBe('upload_concurrency')
    expect((await put(a, d1.upload_descriptor.url, PNG)).status).toBe(200)
    s.clock.advance(61_000)
    const late = await put(a, d2.upload_descriptor.url, PNG)
    expect(late.status).toBe(404)
    expect((await late.json()).error.message).toMatch(/declare it first/)
  })
})
