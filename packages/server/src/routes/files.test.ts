import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DiskBlobStore } from '@xpert-ai/chatkit-server'
import { sniffMimeType, TypeSniffer } from '../files/sniff.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 0 })))
afterAll(() => s.close())

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
function upload(
  secret: string,
  bytes: BlobPart,
  name: string,
  extra: Record<string, string> = { purpose: 'chat_attachment', xpertId: 'demo' },
  type = 'application/octet-stream',
) {
  const form = new FormData()
  form.set('file', new File([bytes], name, { type }))
  for (const [k, v] of Object.entries(extra)) form.set(k, v)
  return fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form })
}

describe('sniffMimeType', () => {
  it('decides from the bytes, using the name only among text flavours', () => {
    const b = (s: string) => new TextEncoder().encode(s)
    expect(sniffMimeType(PNG, 'x.txt')).toBe('image/png')
    expect(sniffMimeType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'x')).toBe('image/jpeg')
    expect(sniffMimeType(b('GIF89a....'), 'x')).toBe('image/gif')
    expect(sniffMimeType(b('RIFF\0\0\0\0WEBPVP8 '), 'x')).toBe('image/webp')
    expect(sniffMimeType(b('%PDF-1.7'), 'x.png')).toBe('application/pdf')
    expect(sniffMimeType(b('PK\x03\x04....word/document.xml'), 'x')).toMatch(/wordprocessingml/)
    expect(sniffMimeType(b('PK\x03\x04....xl/workbook.xml'), 'x')).toMatch(/spreadsheetml/)
    expect(sniffMimeType(b('PK\x03\x04....'), 'x.docx')).toBe('application/zip')
    expect(sniffMimeType(b('# Hi'), 'notes.md')).toBe('text/markdown')
    expect(sniffMimeType(b('a,b\n1,2'), 'data.csv')).toBe('text/csv')
    expect(sniffMimeType(b('{"a":1}'), 'a.json')).toBe('application/json')
    expect(sniffMimeType(b('{nope'), 'a.json')).toBe('text/plain')
    expect(sniffMimeType(b('<script>alert(1)</script>'), 'evil.html')).toBe('text/plain')
    expect(sniffMimeType(Uint8Array.from([0xc3, 0x28]), 'bad.txt')).toBeNull()
    expect(sniffMimeType(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0]), 'a.png')).toBeNull()
  })
})

describe('TypeSniffer (the same decision for a file arriving in pieces)', () => {
  const fed = (pieces: Uint8Array[], name: string) => {
    const s = new TypeSniffer()
    pieces.forEach((p) => {
      s.push(p)
    })
    return s.finish(name)
  }
  const MiB = 1024 * 1024
  it('checks the text over the whole file, across piece boundaries, and keeps only the first MiB', () => {
    const euro = Buffer.from('€') // three bytes, split over two pieces below
    expect(fed([Buffer.from('price: '), euro.subarray(0, 2), euro.subarray(2)], 'a.txt')).toBe('text/plain')
    expect(fed([Buffer.alloc(2 * MiB, 'a'), Uint8Array.from([0xc3, 0x28])], 'late.txt')).toBeNull()
    expect(fed([Buffer.alloc(2 * MiB, 'a'), Uint8Array.from([0])], 'late-nul.txt')).toBeNull()
    expect(fed([Buffer.from('caf'), Uint8Array.from([0xc3])], 'cut.txt')).toBeNull()
    expect(fed([PNG, Buffer.alloc(2 * MiB, 0)], 'x.png')).toBe('image/png')
    expect(fed([Buffer.from('{"a":'), Buffer.from('1}')], 'a.json')).toBe('application/json')
    // JSON only when all of it was seen to parse; a larger one is plain text.
    expect(fed([Buffer.from('['), Buffer.alloc(MiB, ' '), Buffer.from(']')], 'big.json')).toBe('text/plain')
  })
})

describe('POST /contexts/file and GET /contexts/file/{id}', () => {
  it('stores an upload under a random id, sniffs its type, and serves it back to its owner only', async () => {
    const a = await s.session('file-a')
    const b = await s.session('file-b')
    const res = await upload(a, PNG, '../../etc/passwd.png', undefined, 'text/html')
    expect(res.status).toBe(200)
    const f = await res.json()
    expect(f).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'passwd.png',
      mimeType: 'image/png',
      size: PNG.length,
      url: `${s.api}/contexts/file/${f.id}`,
      createdAt: expect.any(String),
    })
    expect(readdirSync(join(s.dir, 'files'))).toContain(f.id)
    const got = await fetch(f.url, { headers: { authorization: `Bearer ${a}` } })
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''passwd\.png$/)
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(got.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG)
    expect((await fetch(f.url, { headers: { authorization: `Bearer ${b}` } })).status).toBe(404)
    expect((await fetch(f.url)).status).toBe(401)
  })

  it('serves non-images as attachments', async () => {
    const a = await s.session('file-a')
    const f = await (await upload(a, '<html><script>alert(1)</script>', 'page.html', undefined, 'text/html')).json()
    expect(f.mimeType).toBe('text/plain')
    const got = await fetch(f.url, { headers: { authorization: `Bearer ${a}` } })
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/)
  })

  it('refuses bad uploads with clear errors', async () => {
    const a = await s.session('file-bad')
    // One at a time: a user may only have a few uploads in progress at once.
    const cases: [() => Promise<Response>, number, RegExp][] = [
      [() => upload(a, Uint8Array.from([0, 1, 2, 0xff]), 'x.bin'), 415, /^file: unsupported type/],
      [() => upload(a, '', 'empty.txt'), 400, /^file: the file is empty/],
      [() => upload(a, 'hi', 'a.txt', { purpose: 'avatar' }), 400, /^purpose:/],
      [() => upload(a, 'hi', 'a.txt', { xpertId: 'other' }), 403, /^xpertId:/],
      [() => upload(a, 'hi', 'a.txt', { threadId: '00000000-0000-4000-8000-000000000000' }), 404, /not found/],
      [
        () => fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${a}`, 'content-type': 'application/json' }, body: '{}' }),
        415,
        /multipart/,
      ],
    ]
    for (const [res, status, message] of cases) {
      const r = await res()
      expect(r.status).toBe(status)
      expect((await r.json()).error.message).toMatch(message)
    }
  })

  it('resolves input.input.files for the agent and refuses foreign or unknown ids', async () => {
    const a = await s.session('file-run-a')
    const b = await s.session('file-run-b')
    const f = await (await upload(a, 'notes', 'n.txt')).json()
    const run = (secret: string, id: string) =>
      s.call(secret, 'POST', `/threads/${id}/runs/stream`, { input: { input: { input: 'see file', files: [{ id: f.id }] } } })
    const ok = await run(a, await s.thread(a))
    expect(ok.status).toBe(200)
    await ok.text()
    const bad = await run(b, await s.thread(b))
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatchObject({ code: 'file_not_found', message: expect.stringMatching(/^input\.input\.files\[0\]\.id:/) })
  })
})

describe('upload limits', () => {
  it('enforces the size limit and the per-user count', async () => {
    const limited = await startTestServer({ delayMs: 0, files: { blobs: new DiskBlobStore(join(s.dir, 'lim')), maxBytes: 1000, maxFilesPerUser: 2 } })
    try {
      const a = await limited.session('lim')
      const up = (bytes: string) => {
        const form = new FormData()
        form.set('file', new File([bytes], 'a.txt'))
        return fetch(`${limited.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${a}` }, body: form })
      }
      const big = await up('x'.repeat(1001))
      expect(big.status).toBe(413)
      expect((await up('one')).status).toBe(200)
      expect((await up('two')).status).toBe(200)
      const third = await up('three')
      expect(third.status).toBe(429)
      expect((await third.json()).error.code).toBe('file_limit')
    } finally {
      await limited.close()
    }
  })

  it('answers 501 when no blob store is configured', async () => {
    const off = await startTestServer({ delayMs: 0, files: {} })
    try {
      const form = new FormData()
      form.set('file', new File(['hi'], 'a.txt'))
      const direct = await fetch(`${off.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${await off.session('x')}` }, body: form })
      expect(direct.status).toBe(501)
      expect((await direct.json()).error.code).toBe('files_disabled')
    } finally {
      await off.close()
    }
  })
})
