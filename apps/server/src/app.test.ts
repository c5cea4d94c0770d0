import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './app.js'
import { parseAppConfig, type AppConfig } from './config.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-app-test-'))
const frameDir = join(tmp, 'frame')
mkdirSync(join(frameDir, 'assets'), { recursive: true })
writeFileSync(
  join(frameDir, 'index.html'),
  '<!doctype html><html><head><title>f</title></head><body><script type="module" src="/chatkit/assets/index-AbCd1234.js"></script></body></html>',
)
writeFileSync(join(frameDir, 'assets', 'index-AbCd1234.js'), 'console.log(1)')
writeFileSync(join(frameDir, 'assets', 'style-XyZw9876.css'), 'body{}')
writeFileSync(join(tmp, 'secret.txt'), 'top secret')

function config(extra: string[] = [], env: NodeJS.ProcessEnv = {}): AppConfig {
  const c = parseAppConfig(['--port', '0', '--demo-port', '0', '--data-dir', join(tmp, 'data'), ...extra], { CHATKIT_FRAME_DIR: frameDir, ...env }, tmp)
  if (c === 'help') throw new Error('help')
  return c
}

/** GET with a raw, unnormalized path (fetch would resolve `..` before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base)
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
      .on('error', reject)
      .end()
  })
}

let app: RunningApp
let origin: string
beforeAll(async () => {
  app = await startApp(config())
  origin = new URL(app.urls.frame).origin
})
afterAll(async () => {
  await app.stop()
  rmSync(tmp, { recursive: true, force: true })
})

describe('frame serving', () => {
  it('serves index.html with the allowlist meta, CSP frame-ancestors and no-cache', async () => {
    const demoOrigin = new URL(app.urls.demo!).origin
    for (const path of ['/chatkit/', '/chatkit/index.html']) {
      const res = await fetch(origin + path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toContain(`frame-ancestors ${demoOrigin};`)
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("default-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(await res.text()).toContain(`<meta name="chatkit-allowed-origins" content="${demoOrigin}"></head>`)
    }
    const redirect = await fetch(origin + '/chatkit', { redirect: 'manual' })
    expect(redirect.status).toBe(308)
  })

  it('serves hashed assets with their MIME type and an immutable cache', async () => {
    const js = await fetch(origin + '/chatkit/assets/index-AbCd1234.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await js.text()).toBe('console.log(1)')
    const css = await fetch(origin + '/chatkit/assets/style-XyZw9876.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await fetch(origin + '/chatkit/assets/missing.js')).status).toBe(404)
  })

  it.each([
    '/chatkit/../secret.txt',
    '/chatkit/assets/../../secret.txt',
    '/chatkit/%2e%2e/secret.txt',
    '/chatkit/..%2fsecret.txt',
    '/chatkit/..%5csecret.txt',
    '/chatkit/assets%2f..%2f..%2fsecret.txt',
    '/chatkit/index.html%00.js',
    '/chatkit/.hidden',
    '/chatkit//etc/passwd',
  ])('refuses the traversal attempt %s', async (path) => {
    const res = await rawGet(origin, path)
    expect([400, 404]).toContain(res.status)
    expect(res.body).not.toContain('top secret')
  })

  it('rejects writes to the frame', async () => {
    expect((await fetch(origin + '/chatkit/', { method: 'POST' })).status).toBe(405)
  })
})

describe('app wiring', () => {
  it('redirects / to the demo site, routes the API, and answers 404 JSON elsewhere', async () => {
    const root = await fetch(origin + '/', { redirect: 'manual' })
    expect(root.status).toBe(302)
    expect(root.headers.get('location')).toBe(app.urls.demo)
    const res = await fetch(app.urls.api + '/v1/chatkit/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${app.apiKey.value}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant: { id: 'demo' }, user: 'u' }),
    })
    expect(res.status).toBe(200)
    expect((await fetch(origin + '/nope')).status).toBe(404)
  })

  it('keeps the generated dev API key across restarts', async () => {
    const saved = readFileSync(join(tmp, 'data', 'dev-api-key'), 'utf8').trim()
    expect(saved).toBe(app.apiKey.value)
    const second = await startApp(config())
    try {
      expect(second.apiKey.value).toBe(saved)
      expect(second.apiKey.note).toMatch(/using the development API key/)
    } finally {
      await second.stop()
    }
  })

  it('says when the data dir is open to other users (a new one is created 0700)', async () => {
    expect(statSync(join(tmp, 'data')).mode & 0o777).toBe(0o700)
    expect(app.notes.join('\n')).not.toMatch(/open to other users/)
    const open = join(tmp, 'open-data')
    mkdirSync(open)
    chmodSync(open, 0o755)
    const other = await startApp(config(['--data-dir', open, '--no-demo']))
    try {
      expect(other.notes).toContain(`the data dir ${open} is open to other users (mode 755): chmod 700 it`)
    } finally {
      await other.stop()
    }
  })

  it('answers 503 with a clear text when the frame is not built', async () => {
    const other = await startApp(config([], { CHATKIT_FRAME_DIR: join(tmp, 'nowhere') }))
    try {
      const res = await fetch(new URL(other.urls.frame).origin + '/chatkit/')
      expect(res.status).toBe(503)
      expect(await res.text()).toMatch(/frame is not built/)
    } finally {
      await other.stop()
    }
  })
})

describe('--agent', () => {
  it('registers a user agent module under its id and streams from it', async () => {
    const mod = join(tmp, 'echo-agent.mjs')
    writeFileSync(mod, `export default { id: 'echo', name: 'Echo', async *run(ctx) { yield { type: 'text', text: 'echo: ' + ctx.input.text } } }\n`)
    const other = await startApp(config(['--agent', mod, '--no-demo']))
    try {
      expect(other.urls.demo).toBeNull()
      const post = (path: string, auth: string, body: unknown) =>
        fetch(other.urls.api + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const secret = (await (await post('/v1/chatkit/sessions', other.apiKey.value, { assistant: { id: 'echo' }, user: 'u' })).json()).client_secret
      const thread = (await (await post('/threads', secret, {})).json()).thread_id
      const sse = await (await post(`/threads/${thread}/runs/stream`, secret, { input: { input: { input: 'hi' } } })).text()
      expect(sse).toContain('"text":"echo: hi"')
      // The demo agent stays available next to it.
      expect((await post('/v1/chatkit/sessions', other.apiKey.value, { assistant: { id: 'demo' }, user: 'u' })).status).toBe(200)
    } finally {
      await other.stop()
    }
  })

  it('registers every agent of a module whose default export is an array', async () => {
    const mod = join(tmp, 'two-agents.mjs')
    writeFileSync(mod, `const a = (id) => ({ id, name: id, async *run() { yield { type: 'text', text: id } } })\nexport default [a('one'), a('two')]\n`)
    const other = await startApp(config(['--agent', mod, '--no-demo']))
    try {
      for (const id of ['one', 'two']) {
        const res = await fetch(other.urls.api + '/v1/chatkit/sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${other.apiKey.value}`, 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id }, user: 'u' }),
        })
        expect(res.status).toBe(200)
      }
    } finally {
      await other.stop()
    }
    const bad = join(tmp, 'bad-array.mjs')
    writeFileSync(bad, `export default [{ id: 'ok', name: 'ok', async *run() {} }, 42]\n`)
    await expect(startApp(config(['--agent', bad]))).rejects.toThrow(/item 1 of the default export is not an agent/)
    const dup = join(tmp, 'dup-array.mjs')
    writeFileSync(dup, `const a = { id: 'same', name: 'same', async *run() {} }\nexport default [a, a]\n`)
    await expect(startApp(config(['--agent', dup]))).rejects.toThrow(/two agents use the same id/)
  })

  it('fails clearly on a module without an agent', async () => {
    const mod = join(tmp, 'not-an-agent.mjs')
    writeFileSync(mod, 'export const x = 1\n')
    await expect(startApp(config(['--agent', mod]))).rejects.toThrow(/export an agent as default/)
  })
})

describe('config', () => {
  it("refuses '*' without the dev flag and accepts it with it", () => {
    expect(() => config(['--allowed-origins', '*'])).toThrow(/development only/)
    expect(config(['--allowed-origins', '*', '--dev-allow-any-origin']).allowedOrigins).toEqual(['*'])
    expect(config([], { CHATKIT_ALLOWED_ORIGINS: '*', CHATKIT_DEV_ALLOW_ANY_ORIGIN: '1' }).allowedOrigins).toEqual(['*'])
  })

  it('parses lists, keys and ports, and names what is wrong', () => {
    const c = config(['--allowed-origins', 'https://a.example.com, https://*.b.example.com'], { CHATKIT_API_KEY: 'k'.repeat(16) + ',' + 'm'.repeat(20) })
    expect(c.allowedOrigins).toEqual(['https://a.example.com', 'https://*.b.example.com'])
    expect(c.apiKeys).toHaveLength(2)
    expect(() => config(['--allowed-origins', 'ftp://x'])).toThrow(/allowed-origins/)
    expect(() => config(['--port', '99999'])).toThrow(/--port/)
    expect(() => config([], { CHATKIT_API_KEY: 'short' })).toThrow(/at least 16/)
    expect(() => config(['--bogus'])).toThrow(/bogus/)
  })
})
