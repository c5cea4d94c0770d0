/**
 * A customer's own backend that authenticates its users by COOKIE (what `api.fetch` is for). It
 * serves the host page (setting the session cookie, HttpOnly) and, under `/api/ai/`, forwards
 * to the e2e ChatKit API only requests that carry that cookie, adding a client secret it minted
 * server-side with the API key (OpenAI's custom-backend shape: the page holds no secret). Without
 * the cookie it answers 401, with CORS for the frame's origin so the frame can read why.
 * It can cut the next answer stream after some events (a dropped connection), once.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'

type Seen = { method: string; path: string; cookie: boolean; status: number; lastEventId?: string }

export type CookieBackend = {
  origin: string
  seen: Seen[]
  /** The streams cut so far (`METHOD path`). */
  cuts: string[]
  /** Cut the next `text/event-stream` answer a few bytes after its `events`-th event with an id. */
  cutNextStream(events: number): void
  close(): Promise<void>
}

export const SDK_VERSION = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../packages/chatkit-js/package.json'), 'utf8')) as { version: string }
).version

/** The host page: the SDK from the ChatKit server (ES module or classic script), options from the query. */
function hostPage(sdk: 'module' | 'classic'): string {
  const base = `${E2E.api}/chatkit/sdk/${SDK_VERSION}/`
  const load = sdk === 'module' ? `const { createChatKit } = await import('${base}chatkit.js')` : `const { createChatKit } = window.ChatKit`
  return `<!doctype html><html><head><meta charset="utf-8"><title>cookie host</title>
${sdk === 'classic' ? `<script src="${base}chatkit.iife.js"></script>` : ''}</head>
<body style="margin:0"><div id="box" style="width:480px;height:640px"></div>
<script type="module">
${load}
const q = new URLSearchParams(location.search)
window.__events = []
window.__fetched = []
const api = { url: location.origin + '/api/ai' }
if (q.get('fetch') === '1') api.fetch = (url, init) => (window.__fetched.push(init.method + ' ' + new URL(url).pathname), fetch(url, init))
if (q.get('secret') === '1') api.getClientSecret = () => fetch('/session', { method: 'POST' }).then((r) => r.text())
if (q.get('upload')) api.uploadStrategy = { type: 'direct', uploadUrl: location.origin + q.get('upload') }
const chat = createChatKit({ element: document.getElementById('box'), frameUrl: '${E2E.api}/chatkit/', api, composer: { attachments: { enabled: true } } })
for (const t of ['ready', 'error', 'response.start', 'response.end', 'response.stop']) {
  // Recorded as support/host.ts's page does (read with its pageEvents): { name, detail }, an error as { code, message }.
  chat.element.addEventListener('chatkit.' + t, (e) => { const d = e.detail; window.__events.push({ name: t, detail: d && d.error ? { code: d.error.code, message: String(d.error.message) } : d ?? null }) })
}
window.chat = chat
</script></body></html>`
}

export async function startCookieBackend(port: number): Promise<CookieBackend> {
  const sessions = new Map<string, Promise<string>>()
  const seen: Seen[] = []
  const cuts: string[] = []
  let cut: number | null = null
  const cors = {
    'access-control-allow-origin': E2E.api,
    'access-control-allow-headers': 'authorization, x-api-key, content-type, accept-language, organization-id, last-event-id',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
  }
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const sid = /(?:^|;\s*)sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1]
    const session = sid ? sessions.get(sid) : undefined
    if (url.pathname === '/' && req.method === 'GET') {
      const id = randomBytes(16).toString('hex')
      sessions.set(id, mintSecret(`cookie-user-${id.slice(0, 8)}`))
      const sdk = url.searchParams.get('sdk') === 'classic' ? 'classic' : 'module'
      return void res
        .writeHead(200, { 'content-type': 'text/html', 'set-cookie': `sid=${id}; HttpOnly; SameSite=Strict; Path=/`, 'cache-control': 'no-store' })
        .end(hostPage(sdk))
    }
    // The page's own session endpoint (for the getClientSecret variant): the secret of this cookie.
    if (url.pathname === '/session' && req.method === 'POST') {
      if (!session) return void res.writeHead(401).end('no session')
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(await session)
    }
    if (!url.pathname.startsWith('/api/ai/')) return void res.writeHead(404).end()
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end()
    const entry: Seen = {
      method: req.method!,
      path: url.pathname,
      cookie: !!session,
      status: 0,
      lastEventId: req.headers['last-event-id'] as string | undefined,
    }
    seen.push(entry)
    if (!session) {
      entry.status = 401
      return void res
        .writeHead(401, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'unauthorized', message: 'this backend needs its session cookie' } }))
    }
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const headers: Record<string, string> = { authorization: `Bearer ${await session}` }
    for (const h of ['content-type', 'accept', 'accept-language', 'last-event-id']) {
      if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string
    }
    const up = await fetch(E2E.api + url.pathname + url.search, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    entry.status = up.status
    const out: Record<string, string> = {}
    up.headers.forEach((v, k) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v
    })
    res.writeHead(up.status, out)
    res.flushHeaders()
    if (!up.body) return void res.end()
    const stream = out['content-type']?.startsWith('text/event-stream')
    // Events with an id left before the cut: the connection drops a few bytes into the next one.
    let left = stream && cut !== null ? cut : Infinity
    if (stream) cut = null
    let block = ''
    const reader = up.body.getReader()
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
      if (done || !value || res.destroyed) break
      let at = -1
      for (let i = 0; i < value.byteLength && left !== Infinity && at < 0; i++) {
        block += String.fromCharCode(value[i])
        if (!block.endsWith('\n\n')) continue
        if (/^id:/m.test(block) && --left === 0) at = i + 1
        block = ''
      }
      if (at >= 0) {
        res.write(value.subarray(0, Math.min(value.byteLength, at + 8)))
        cuts.push(`${req.method} ${url.pathname}`)
        // Let the bytes reach the page (a loaded machine is slow to read them: a reset would discard
        // what the browser has not read yet), then drop the connection mid-answer.
        setTimeout(() => res.destroy(), 500)
        void reader.cancel()
        return
      }
      res.write(value)
    }
    res.end()
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()))
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    cuts,
    cutNextStream: (events) => void (cut = events),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  }
}
