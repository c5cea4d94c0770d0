import { readFile, stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import type { OriginPattern } from '@xpert-ai/chatkit-protocol'
import { errorResponse } from '@xpert-ai/chatkit-server'
import { frameSecurityHeaders, injectAllowedOrigins, type FrameOrigins } from './frame-headers.js'
import { mimeType } from './mime.js'
import { chooseEncoding, Precompressed } from './precompressed.js'
import { SANDBOX_PATH, sandboxResponse } from './frame-sandbox.js'

export const FRAME_PATH = '/chatkit/'

/** Vite names built assets `name-<hash>.ext`: such files never change and cache for a year. */
const HASHED = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/

/**
 * Serves the frame build (`apps/frame/dist`) under `/chatkit/`, Brotli- or gzip-compressed as the
 * request's `Accept-Encoding` prefers (with `Vary: Accept-Encoding`). Paths are decoded once, checked
 * segment by segment and resolved inside the root; anything odd (`..`, encoded slashes or
 * backslashes, NUL, dotfiles) is refused before the file system is touched. `imageOrigins`
 * (`--image-origins`) become the CSP's `img-src` and the frame's image policy; `apiOrigins`
 * (`--api-origins`) the CSP's `connect-src` beyond the frame's own origin.
 */
export function createFrameHandler(root: string, origins: readonly OriginPattern[], extra: FrameOrigins = {}) {
  const base = resolve(root)
  const security = frameSecurityHeaders(origins, extra)
  // Served compressed as the browser accepts (Brotli, gzip), each made once at startup.
  const compressed = new Precompressed()
  const index = resolve(base, 'index.html')
  const special: Record<string, () => Promise<Uint8Array>> = {
    [index]: async () =>
      new TextEncoder().encode(injectAllowedOrigins(await readFile(index, 'utf8'), origins, extra.imageOrigins ?? [], extra.apiOrigins ?? [])),
  }
  void compressed.warm(base, special)

  return async function serveFrame(req: Request): Promise<Response> {
    const url = new URL(req.url)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return errorResponse(405, 'method_not_allowed', `${req.method} is not allowed here; use GET, HEAD`, { allow: 'GET, HEAD', ...security })
    }
    if (url.pathname === SANDBOX_PATH) return sandboxResponse(req, origins)
    if (url.pathname === FRAME_PATH.slice(0, -1)) return new Response(null, { status: 308, headers: { location: FRAME_PATH + url.search } })
    const rel = safeRelativePath(url.pathname.slice(FRAME_PATH.length))
    if (rel === null) return text(400, 'Bad path', security)
    const file = rel === '' ? 'index.html' : rel
    const full = resolve(base, file)
    if (!full.startsWith(base + sep)) return text(400, 'Bad path', security)
    if (!(await isFile(resolve(base, 'index.html')))) {
      return text(503, `The ChatKit frame is not built (no ${resolve(base, 'index.html')}). Run: pnpm --filter @xpert-ai/chatkit-frame build`, security)
    }
    if (!(await isFile(full))) return text(404, 'Not found', security)
    const headers = new Headers(security)
    headers.set('content-type', mimeType(full))
    headers.set('cache-control', file !== 'index.html' && HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache')
    const variants = await compressed.get(full, special[full])
    const encoding = chooseEncoding(
      req.headers.get('accept-encoding'),
      (['br', 'gzip'] as const).filter((e) => variants[e]),
    )
    if (variants.br || variants.gzip) headers.set('vary', 'accept-encoding')
    if (encoding) headers.set('content-encoding', encoding)
    const body = encoding ? variants[encoding]! : variants.identity
    headers.set('content-length', String(body.length))
    return new Response(req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { headers })
  }
}

/** The checked relative path, or null when it could escape the root or hide something. */
function safeRelativePath(raw: string): string | null {
  if (/%(2f|5c|00)/i.test(raw) || raw.includes('\\')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const parts = decoded.split('/')
  if (parts.some((p, i) => p === '..' || p === '.' || p.startsWith('.') || (p === '' && i < parts.length - 1))) return null
  return decoded
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

function text(status: number, body: string, headers: Record<string, string>): Response {
  return new Response(body, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })
}
