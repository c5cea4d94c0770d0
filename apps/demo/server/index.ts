import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSession } from './session.js'
import { hostCsp, json, jsonError } from './security.js'
import { fileResponse, resolveStatic } from './static.js'

export type DemoSiteOptions = {
  /** Server-to-server API base, e.g. http://127.0.0.1:8787/api/ai (the session endpoint lives under it). */
  apiUrl: string
  /** The server's API key: used here only, never sent to the browser. */
  apiKey: string
  assistantId: string
  /** The frame, e.g. http://127.0.0.1:8787/chatkit/. */
  frameUrl: string
  /** The API base the browser frame uses. */
  publicApiUrl: string
  /** The built demo pages (default: this package's `dist`). */
  staticDir?: string
  /** The host SDK served at `/sdk/chatkit.js` (default: the built `@xpert-ai/chatkit-js`). */
  sdkFile?: string
}

export type DemoSiteHandler = (req: Request) => Promise<Response>

/**
 * The demo host site as a WHATWG handler (mount it on node:http, Hono, Next.js…): its pages, its
 * runtime config, its own session endpoint and the vanilla SDK file.
 *
 * @example
 * const site = createDemoSite({ apiUrl, apiKey, assistantId: 'demo', frameUrl, publicApiUrl: apiUrl })
 * const res = await site(new Request('http://127.0.0.1:8788/config.json'))
 */
export function createDemoSite(options: DemoSiteOptions): DemoSiteHandler {
  const frameOrigin = new URL(options.frameUrl).origin
  const staticDir = options.staticDir ?? fileURLToPath(new URL('../dist/', import.meta.url))
  const sdkFile = options.sdkFile ?? createRequire(import.meta.url).resolve('@xpert-ai/chatkit-js')
  const page = { 'content-security-policy': hostCsp(frameOrigin) }
  const config = { frameUrl: options.frameUrl, apiUrl: options.publicApiUrl, xpertId: options.assistantId }

  return async (req) => {
    const { pathname } = new URL(req.url)
    if (pathname === '/api/create-session') {
      return req.method === 'POST' ? createSession(req, options) : jsonError(405, 'method_not_allowed', 'use POST')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return jsonError(405, 'method_not_allowed', `${req.method} is not allowed here`)
    const head = req.method === 'HEAD'
    if (pathname === '/config.json') return json(config)
    // `/sdk/chatkit.js` is the host SDK; `/sdk/index.js`, `/sdk/launcher.js`, `/sdk/pet.js` and
    // `/sdk/floating.js` are its dist files by their own names (the launcher imports `./index.js`, the
    // element fetches `./pet.js` for a pet, both import `./floating.js`).
    const sdk =
      pathname === '/sdk/chatkit.js' ? sdkFile : /^\/sdk\/(index|launcher|pet|floating)\.js$/.test(pathname) ? join(dirname(sdkFile), pathname.slice(5)) : null
    if (sdk) return (await fileResponse(sdk, head)) ?? jsonError(503, 'sdk_missing', 'build @xpert-ai/chatkit-js first')
    const file = resolveStatic(staticDir, pathname)
    if (!file) return jsonError(400, 'bad_path', 'malformed path')
    const found = await fileResponse(file, head, file.endsWith('.html') ? page : {})
    if (found) return found
    // Client-side routes fall back to the React page; missing files (with an extension) are 404s.
    if (!/\.[a-z0-9]+$/i.test(pathname)) {
      const index = await fileResponse(resolveStatic(staticDir, '/index.html')!, head, page)
      if (index) return index
      return jsonError(503, 'demo_not_built', 'build the demo first: pnpm --filter @xpert-ai/chatkit-demo build')
    }
    return jsonError(404, 'not_found', `${pathname} not found`)
  }
}
