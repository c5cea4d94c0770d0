/**
 * The frame's files served precompressed (issue 18): Brotli or gzip as `Accept-Encoding` prefers
 * (q-values), identity otherwise, always with `Vary: Accept-Encoding`; the bytes decode to the
 * file; hashed assets stay immutable. Real HTTP against the real app.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './app.js'
import { parseAppConfig } from './config.js'
import { chooseEncoding } from './precompressed.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-compress-test-'))
const frameDir = join(tmp, 'frame')
mkdirSync(join(frameDir, 'assets'), { recursive: true })
const js = Array.from({ length: 400 }, (_, i) => `export const v${i} = "value ${i}";`).join('\n')
writeFileSync(
  join(frameDir, 'index.html'),
  '<!doctype html><html><head><title>f</title></head><body><script type="module" src="/chatkit/assets/index-AbCd1234.js"></script></body></html>',
)
writeFileSync(join(frameDir, 'assets', 'index-AbCd1234.js'), js)
writeFileSync(join(frameDir, 'assets', 'font-AbCd1234.woff2'), Buffer.alloc(2000, 7))

type Got = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
function get(path: string, acceptEncoding?: string, method = 'GET'): Promise<Got> {
  const u = new URL(origin)
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path, method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })
}
const decode = (g: Got) =>
  (g.headers['content-encoding'] === 'br' ? brotliDecompressSync(g.body) : g.headers['content-encoding'] === 'gzip' ? gunzipSync(g.body) : g.body).toString()

let app: RunningApp
let origin: string
beforeAll(async () => {
  const c = parseAppConfig(['--port', '0', '--demo-port', '0', '--data-dir', join(tmp, 'data')], { CHATKIT_FRAME_DIR: frameDir }, tmp)
  if (c === 'help') throw new Error('help')
  app = await startApp(c)
  origin = new URL(app.urls.frame).origin
})
afterAll(async () => {
  await app.stop()
  rmSync(tmp, { recursive: true, force: true })
})

describe('precompressed frame files', () => {
  it('negotiates br, gzip and identity by Accept-Encoding and q-values', async () => {
    const cases: [string | undefined, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1.0, br;q=0.5', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['*', 'br'],
      ['*;q=0.5, br;q=0', 'gzip'],
      ['identity', undefined],
      ['identity;q=1, br;q=0.5', undefined],
      ['deflate', undefined],
      [undefined, undefined],
    ]
    for (const [accept, expected] of cases) {
      const res = await get('/chatkit/assets/index-AbCd1234.js', accept)
      expect(res.status, String(accept)).toBe(200)
      expect(res.headers['content-encoding'], String(accept)).toBe(expected)
      expect(res.headers.vary).toBe('accept-encoding')
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(Number(res.headers['content-length'])).toBe(res.body.length)
      expect(decode(res)).toBe(js)
    }
    const br = await get('/chatkit/assets/index-AbCd1234.js', 'br')
    const gz = await get('/chatkit/assets/index-AbCd1234.js', 'gzip')
    expect(br.body.length).toBeLessThan(gz.body.length)
    expect(gz.body.length).toBeLessThan(js.length / 4)
  })

  it('compresses index.html as served (with the allowlist meta), keeps it no-cache; HEAD has the same headers', async () => {
    const res = await get('/chatkit/', 'br')
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(decode(res)).toContain('<meta name="chatkit-allowed-origins"')
    const head = await get('/chatkit/', 'br', 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(head.headers['content-length']).toBe(res.headers['content-length'])
    expect(head.body.length).toBe(0)
  })

  it('leaves already-compressed files (woff2) as they are, without Vary', async () => {
    const res = await get('/chatkit/assets/font-AbCd1234.woff2', 'br, gzip')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toBeUndefined()
    expect(res.body.length).toBe(2000)
  })
})

describe('chooseEncoding', () => {
  it('only offers what exists, and ignores malformed q-values', () => {
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip')
    expect(chooseEncoding('br', ['gzip'])).toBeNull()
    expect(chooseEncoding('br;q=abc, gzip;q=0.1', ['br', 'gzip'])).toBe('gzip')
    expect(chooseEncoding('', ['br', 'gzip'])).toBeNull()
  })
})
