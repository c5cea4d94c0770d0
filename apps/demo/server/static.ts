import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { COMMON_HEADERS } from './security.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** A file as a response, with its content type; hashed Vite assets are cached for good. */
export async function fileResponse(file: string, head: boolean, extra: Record<string, string> = {}): Promise<Response | null> {
  try {
    if (!(await stat(file)).isFile()) return null
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
    const body = head ? null : await readFile(file)
    return new Response(body, { headers: { 'content-type': type, 'cache-control': cache, ...COMMON_HEADERS, ...extra } })
  } catch {
    return null
  }
}

/**
 * The file under `root` for a URL path, or null when the path is malformed or escapes `root`
 * (`..`, encoded separators, NUL): a request can only ever read the built site.
 */
export function resolveStatic(root: string, pathname: string): string | null {
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..')) return null
  const base = resolve(root)
  const file = resolve(base, '.' + (path.endsWith('/') ? path + 'index.html' : path))
  return file === base || file.startsWith(base + sep) ? file : null
}
