/**
 * The headers of the demo's own pages, and the CSP a host page needs to embed ChatKit: the frame's
 * origin in `frame-src`. Nothing else is required of the host: all chat traffic (API, SSE) goes
 * from the frame, so the host's `connect-src` stays `'self'` (its own session endpoint).
 */
export function hostCsp(frameOrigin: string): string {
  return [
    "default-src 'self'",
    `frame-src ${frameOrigin}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ')
}

export const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
}

/** A JSON response that is never cached (sessions and config are per-user or per-run). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...COMMON_HEADERS, ...headers },
  })
}

export const jsonError = (status: number, code: string, message: string) => json({ error: { code, message } }, status)
