import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDemoSite } from '../server/index.js'

// A real HTTP upstream standing in for the ChatKit API's session endpoint.
type Seen = { method?: string; url?: string; auth?: string; body: unknown }
let upstream: Server
let upstreamUrl: string
let seen: Seen[] = []
let reply: { status: number; body: unknown } = { status: 200, body: {} }

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = ''
    req.on('data', (c) => (data += c)).on('end', () => resolve(data))
  })

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body: JSON.parse((await readBody(req)) || 'null') })
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
  })
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/api/ai`
})
afterAll(() => new Promise((r) => upstream.close(r)))
beforeEach(() => {
  seen = []
  reply = { status: 200, body: { client_secret: 'cs-x-abc123', expires_at: 1900000000, expires_after: 600 } }
})

const SITE = 'http://127.0.0.1:8788'
const root = mkdtempSync(join(tmpdir(), 'demo-site-'))
const staticDir = join(root, 'dist')
mkdirSync(join(staticDir, 'assets'), { recursive: true })
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>react</title>')
writeFileSync(join(staticDir, 'vanilla.html'), '<!doctype html><title>vanilla</title>')
writeFileSync(join(staticDir, 'assets', 'app-1.js'), 'console.log(1)')
writeFileSync(join(root, 'secret.txt'), 'do not serve')
writeFileSync(join(root, 'sdk.js'), 'export const sdk = 1')

function site(apiUrl = () => upstreamUrl) {
  return createDemoSite({
    get apiUrl() {
      return apiUrl()
    },
    apiKey: 'sk-demo-secret-key',
    assistantId: 'demo',
    frameUrl: 'http://127.0.0.1:8787/chatkit/',
    publicApiUrl: 'http://127.0.0.1:8787/api/ai',
    staticDir,
    sdkFile: join(root, 'sdk.js'),
  })
}
const get = (path: string, init?: RequestInit) => site()(new Request(SITE + path, init))
const createSession = (headers: Record<string, string> = {}) =>
  get('/api/create-session', { method: 'POST', headers: { 'content-type': 'application/json', origin: SITE, ...headers } })

describe('createDemoSite', () => {
  it('serves the runtime config', async () => {
    const res = await get('/config.json')
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({ frameUrl: 'http://127.0.0.1:8787/chatkit/', apiUrl: 'http://127.0.0.1:8787/api/ai', xpertId: 'demo' })
  })

  it('mints a session upstream with the API key and returns only the client secret', async () => {
    const res = await createSession()
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ client_secret: 'cs-x-abc123', expires_at: 1900000000 })
    expect(text).not.toContain('sk-demo')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/ai/v1/chatkit/sessions', auth: 'Bearer sk-demo-secret-key' })
    const body = seen[0].body as { assistant: { id: string }; user: string }
    expect(body.assistant).toEqual({ id: 'demo' })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^demo_uid=[a-f0-9-]{36}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/)
    expect(cookie).toContain(`demo_uid=${body.user}.`)

    // The same browser (cookie) is the same end user; no new cookie.
    const again = await createSession({ cookie: cookie.split(';')[0] })
    expect(again.headers.get('set-cookie')).toBeNull()
    expect((seen[1].body as { user: string }).user).toBe(body.user)
  })

  it('never honours a user id the caller chose: unsigned, forged or re-signed cookies get a fresh id', async () => {
    const first = await createSession()
    const cookie = first.headers.get('set-cookie')!.split(';')[0]
    const [uid, sig] = cookie.slice('demo_uid='.length).split('.')
    const victim = '11111111-2222-3333-4444-555555555555'
    const forged = [
      `demo_uid=${victim}`, // the old format: an id the caller picks
      `demo_uid=${victim}.${sig}`, // someone else's id with a valid signature of another id
      `demo_uid=${uid}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, // a tampered signature
      `demo_uid=${victim}.${'A'.repeat(43)}`,
    ]
    for (const c of forged) {
      const res = await createSession({ cookie: c })
      expect(res.status).toBe(200)
      const user = (seen.at(-1)!.body as { user: string }).user
      expect(user, c).not.toBe(victim)
      expect(user, c).not.toBe(uid)
      expect(res.headers.get('set-cookie'), c).toMatch(/^demo_uid=[a-f0-9-]{36}\./)
    }
    // A signature from another server (another API key) is not honoured either.
    const other = createDemoSite({
      apiUrl: upstreamUrl,
      apiKey: 'another-key-of-16-chars',
      assistantId: 'demo',
      frameUrl: 'http://127.0.0.1:8787/chatkit/',
      publicApiUrl: 'http://127.0.0.1:8787/api/ai',
      staticDir,
      sdkFile: join(root, 'sdk.js'),
    })
    await other(new Request(SITE + '/api/create-session', { method: 'POST', headers: { origin: SITE, cookie } }))
    expect((seen.at(-1)!.body as { user: string }).user).not.toBe(uid)
  })

  it('turns upstream failures into a 502 JSON error', async () => {
    reply = { status: 401, body: { error: { code: 'unauthorized', message: 'bad key' } } }
    const res = await createSession()
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_error', message: expect.stringContaining('401') } })

    const down = createServer()
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r))
    const port = (down.address() as { port: number }).port
    await new Promise((r) => down.close(r))
    const res2 = await site(() => `http://127.0.0.1:${port}/api/ai`)(new Request(SITE + '/api/create-session', { method: 'POST', headers: { origin: SITE } }))
    expect(res2.status).toBe(502)
    expect(await res2.json()).toMatchObject({ error: { code: 'upstream_unreachable' } })
  })

  it('refuses cross-site session requests and wrong methods', async () => {
    expect((await createSession({ origin: 'http://evil.example' })).status).toBe(403)
    expect(seen).toHaveLength(0)
    expect((await get('/api/create-session')).status).toBe(405)
    expect((await get('/', { method: 'PUT' })).status).toBe(405)
  })

  it('serves the pages with the host CSP, assets with their MIME types, and the SDK', async () => {
    for (const [path, title] of [
      ['/', 'react'],
      ['/vanilla.html', 'vanilla'],
      ['/some/client/route', 'react'],
    ]) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(`<title>${title}</title>`)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self'; frame-src http://127.0.0.1:8787; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'none'; object-src 'none'",
      )
    }
    const js = await get('/assets/app-1.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toContain('immutable')
    const sdk = await get('/sdk/chatkit.js')
    expect(sdk.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await sdk.text()).toBe('export const sdk = 1')
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  it('never serves files outside the built site', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(path)
      expect(await res.text()).not.toContain('do not serve')
      expect([400, 404]).toContain(res.status)
    }
  })
})
