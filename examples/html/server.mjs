// @ts-check
// The whole backend of a plain HTML site: static files, the page's CSP, and the session endpoint
// that keeps the API key on the server.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

const CHATKIT_URL = process.env.CHATKIT_URL ?? 'http://127.0.0.1:8787'
const CHATKIT_API_KEY = process.env.CHATKIT_API_KEY ?? ''
const PORT = Number(process.env.PORT ?? 3000)
const PUBLIC = path.join(import.meta.dirname, 'public')
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }
// What the host page's CSP needs for ChatKit: frame-src for the frame's origin, and inline styles
// (the element's shadow-root stylesheet). No connect-src: the SDK makes no requests of its own.
const CSP = `default-src 'self'; frame-src ${new URL(CHATKIT_URL).origin}; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'`

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (req.method === 'POST' && url.pathname === '/api/create-session') {
    const upstream = await fetch(`${CHATKIT_URL}/api/ai/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${CHATKIT_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ assistant: { id: 'demo' }, user: 'html-user' }),
    })
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text())
    return
  }
  if (url.pathname === '/config.json') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ chatkitUrl: CHATKIT_URL }))
    return
  }
  const file = path.join(PUBLIC, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname))
  const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))]
  if (!file.startsWith(PUBLIC + path.sep) || !type) return void res.writeHead(404).end('not found')
  try {
    res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP }).end(await readFile(file))
  } catch {
    res.writeHead(404).end('not found')
  }
}).listen(PORT, '127.0.0.1', () => console.log(`http://127.0.0.1:${PORT}`))
