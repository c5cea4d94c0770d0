import { API_BASE_PATH } from '@xpert-ai/chatkit-protocol'
import { errorResponse, type FetchHandler } from '@xpert-ai/chatkit-server'
import { FRAME_PATH } from './frame-static.js'
import { SDK_PATH } from './sdk-static.js'

/**
 * The main port: `/api/ai/*` → the API, `/chatkit/sdk/<version>/*` → the host SDK, `/chatkit/*` → the frame, `/` → the demo site (or a
 * short page saying where things are), `/healthz` → liveness.
 */
export function createMainSite(parts: { api: FetchHandler; frame: FetchHandler; sdk: FetchHandler; demoUrl: string | null; frameUrl: string }): FetchHandler {
  return async (req) => {
    const { pathname } = new URL(req.url)
    if (pathname === API_BASE_PATH || pathname.startsWith(API_BASE_PATH + '/')) return parts.api(req)
    if (pathname.startsWith(SDK_PATH)) return parts.sdk(req)
    if (pathname === FRAME_PATH.slice(0, -1) || pathname.startsWith(FRAME_PATH)) return parts.frame(req)
    if (pathname === '/healthz') return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } })
    if (pathname === '/') {
      if (parts.demoUrl) return new Response(null, { status: 302, headers: { location: parts.demoUrl } })
      return new Response(
        `<!doctype html><meta charset="utf-8"><title>ChatKit server</title><p>ChatKit server. Frame: <a href="${FRAME_PATH}">${parts.frameUrl}</a>; API: <code>${API_BASE_PATH}</code>.</p>`,
        { headers: { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'" } },
      )
    }
    return errorResponse(404, 'not_found', `no route for ${req.method} ${pathname}`)
  }
}
