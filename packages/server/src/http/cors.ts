import { ApiErrorCodes, matchOrigin, type OriginPattern } from '@xpert-ai/chatkit-protocol'
import { errorResponse } from './errors.js'

const ALLOW_HEADERS = 'authorization, x-api-key, content-type, accept-language, last-event-id, organization-id, x-chatkit-domain-key, x-chatkit-embedder'
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'
const EXPOSE_HEADERS = 'x-run-id, x-request-id, x-keep-alive-ms, content-type, content-location, location, retry-after, content-disposition'

/**
 * CORS for the configured origins. The origin is reflected (never a literal `*`) and no
 * credentials are allowed: the API authenticates by bearer token, not cookies. Requests without
 * an `Origin` (server to server, same-origin GET) pass untouched.
 */
export function corsHeaders(patterns: readonly OriginPattern[], origin: string | null): Headers | null {
  if (!origin || !matchOrigin(patterns, origin)) return null
  const h = new Headers()
  h.set('access-control-allow-origin', origin)
  h.set('access-control-expose-headers', EXPOSE_HEADERS)
  h.append('vary', 'Origin')
  return h
}

/** Answers an `OPTIONS` preflight: 204 with the allow lists for an allowed origin, else 403. */
export function preflight(patterns: readonly OriginPattern[], req: Request): Response {
  const origin = req.headers.get('origin')
  const h = corsHeaders(patterns, origin)
  if (!h) return errorResponse(403, ApiErrorCodes.OriginNotAllowed, `origin ${origin ?? '(none)'} is not allowed`, { vary: 'Origin' })
  h.set('access-control-allow-methods', ALLOW_METHODS)
  h.set('access-control-allow-headers', ALLOW_HEADERS)
  h.set('access-control-max-age', '600')
  return new Response(null, { status: 204, headers: h })
}

/** Copies CORS headers onto a response (which may have immutable headers, so it is rebuilt). */
export function withCors(res: Response, cors: Headers | null): Response {
  if (!cors) return res
  const headers = new Headers(res.headers)
  cors.forEach((v, k) => {
    if (k === 'vary') headers.append(k, v)
    else headers.set(k, v)
  })
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
}
