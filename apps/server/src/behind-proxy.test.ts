import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './app.js'
import { parseAppConfig } from './config.js'

// docs/deploy/nginx.conf and haproxy.cfg, run as documented with this test's ports and paths.
const DOCS = resolve(import.meta.dirname, '../../../docs/deploy')
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-proxy-test-'))
const PUBLIC = 'https://chat.example.com'
const children: ChildProcess[] = []

const freePort = () =>
  new Promise<number>((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => r(p))
    })
  })

/** An HTTPS request to the proxy, as a browser at chat.example.com would send it (our own CA). */
function httpsCall(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
  return new Promise<{ status: number; body: string }>((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        servername: 'chat.example.com',
        ca: readFileSync(join(tmp, 'cert.pem')),
        headers: { host: 'chat.example.com', ...init.headers },
      },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => ok({ status: res.statusCode!, body }))
      },
    )
    req.on('error', fail)
    req.end(init.body)
  })
}

async function waitFor(port: number) {
  for (let i = 0; i < 100; i++) {
    const up = await httpsCall(port, '/healthz').then(
      (r) => r.status === 200,
      () => false,
    )
    if (up) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`proxy on ${port} did not come up`)
}

let app: RunningApp
let appPort: number
beforeAll(async () => {
  mkdirSync(join(tmp, 'frame'))
  writeFileSync(join(tmp, 'frame', 'index.html'), '<!doctype html><title>f</title>')
  const gen = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=chat.example.com',
    '-addext',
    'subjectAltName=DNS:chat.example.com',
    '-keyout',
    join(tmp, 'key.pem'),
    '-out',
    join(tmp, 'cert.pem'),
  ])
  if (gen.status !== 0) throw new Error(`openssl: ${gen.stderr}`)
  writeFileSync(join(tmp, 'both.pem'), readFileSync(join(tmp, 'cert.pem'), 'utf8') + readFileSync(join(tmp, 'key.pem'), 'utf8'))
  const c = parseAppConfig(
    [
      '--port',
      '0',
      '--no-demo',
      '--data-dir',
      join(tmp, 'data'),
      '--public-url',
      PUBLIC,
      '--trusted-proxies',
      '127.0.0.1',
      '--allowed-origins',
      'https://www.example.com',
    ],
    { CHATKIT_FRAME_DIR: join(tmp, 'frame') },
    tmp,
  )
  if (c === 'help') throw new Error('help')
  app = await startApp(c)
  appPort = Number(new URL(app.urls.listen).port)
})
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL')
  await app?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

/** Uploads a file through the proxy and returns the URL the API hands back. */
async function uploadThrough(port: number): Promise<{ url: string; secret: string }> {
  const key = app.apiKey.value
  const s = await fetch(`http://127.0.0.1:${appPort}/api/ai/v1/chatkit/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ assistant: { id: 'demo' }, user: 'proxied' }),
  })
  const secret = (await s.json()).client_secret as string
  const form = new FormData()
  form.set('file', new File(['hello'], 'a.txt'))
  const body = new Response(form)
  const res = await httpsCall(port, '/api/ai/contexts/file', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': body.headers.get('content-type')! },
    body: Buffer.from(await body.arrayBuffer()),
  })
  expect(res.status, res.body).toBe(200)
  return { url: JSON.parse(res.body).url, secret }
}

describe('behind a TLS proxy with --public-url (docs/deploy configs)', () => {
  it('the server prints and builds its URLs on the public origin', () => {
    expect(app.urls.api).toBe(`${PUBLIC}/api/ai`)
    expect(app.urls.frame).toBe(`${PUBLIC}/chatkit/`)
  })

  it('nginx: file URLs are https: on the public origin, and the file reads back through the proxy', async () => {
    const port = await freePort()
    const run = join(tmp, 'nginx')
    mkdirSync(run)
    const conf = readFileSync(join(DOCS, 'nginx.conf'), 'utf8')
      .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
      .replace('server 127.0.0.1:8787;', `server 127.0.0.1:${appPort};`)
      .replace('/etc/ssl/chat.example.com.pem', join(tmp, 'cert.pem'))
      .replace('/etc/ssl/chat.example.com.key', join(tmp, 'key.pem'))
      .replace('/run/nginx-chatkit.pid', join(run, 'nginx.pid'))
      .replace('/var/log/nginx/chatkit-error.log', join(run, 'error.log'))
      .replace(
        'http {',
        `user root;\nhttp {\n  client_body_temp_path ${run}/body; proxy_temp_path ${run}/proxy; fastcgi_temp_path ${run}/fcgi; uwsgi_temp_path ${run}/uwsgi; scgi_temp_path ${run}/scgi;`,
      )
    writeFileSync(join(run, 'nginx.conf'), conf)
    children.push(spawn('/usr/sbin/nginx', ['-p', run, '-c', join(run, 'nginx.conf'), '-e', join(run, 'error.log'), '-g', 'daemon off;'], { stdio: 'ignore' }))
    await waitFor(port)
    const { url, secret } = await uploadThrough(port)
    expect(url).toMatch(new RegExp(`^${PUBLIC}/api/ai/contexts/file/[0-9a-f-]{36}$`))
    const back = await httpsCall(port, new URL(url).pathname, { headers: { authorization: `Bearer ${secret}` } })
    expect(back).toEqual({ status: 200, body: 'hello' })
  })

  it('haproxy: the same', async () => {
    const port = await freePort()
    const conf = readFileSync(join(DOCS, 'haproxy.cfg'), 'utf8')
      .replace('bind :443 ssl crt /etc/ssl/chat.example.com.pem', `bind 127.0.0.1:${port} ssl crt ${join(tmp, 'both.pem')}`)
      .replace('server s1 127.0.0.1:8787 check', `server s1 127.0.0.1:${appPort} check`)
    writeFileSync(join(tmp, 'haproxy.cfg'), conf)
    children.push(spawn('/usr/sbin/haproxy', ['-f', join(tmp, 'haproxy.cfg'), '-db'], { stdio: 'ignore' }))
    await waitFor(port)
    const { url } = await uploadThrough(port)
    expect(url).toMatch(new RegExp(`^${PUBLIC}/api/ai/contexts/file/[0-9a-f-]{36}$`))
  })
})
