import type { OriginPattern } from '@xpert-ai/chatkit-protocol'

/** Origins besides the frame's own that its CSP lets it reach: images (`img-src`) and ChatKit APIs (`connect-src`). */
export type FrameOrigins = { imageOrigins?: readonly OriginPattern[]; apiOrigins?: readonly OriginPattern[] }

/**
 * Security headers of every frame response. `frame-ancestors` is the same allowlist the frame
 * reads from its meta tag, so the browser refuses to render the frame anywhere else even before
 * the frame's own origin check runs. `img-src` is the frame's own origin, `data:`, `blob:` and the
 * operator's image origins only (never a whole network scheme such as `https:`): an answer that slips
 * past the renderer's image policy still cannot make the browser fetch anywhere else.
 * `connect-src` is this server plus `apiOrigins`: where an app mounts the ChatKit API itself (a
 * Next.js route handler), the frame may call it there.
 */
export function frameSecurityHeaders(origins: readonly OriginPattern[], extra: FrameOrigins = {}): Record<string, string> {
  const { imageOrigins = [], apiOrigins = [] } = extra
  const ancestors = origins.length === 0 ? "'none'" : origins.join(' ')
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      // blob: only for previews of the user's own attachments (object URLs only the frame's scripts make).
      ["img-src 'self' data: blob:", ...imageOrigins].join(' '),
      "font-src 'self' data:",
      ["connect-src 'self'", ...apiOrigins].join(' '),
      // Only the frame's own sandbox document (/chatkit/sandbox) for artifact previews: no other site.
      "frame-src 'self'",
      `frame-ancestors ${ancestors}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }
}

/**
 * Injects `<meta name="chatkit-allowed-origins">` (the frame's parent allowlist) and
 * `<meta name="chatkit-image-origins">` (where agent-authored images may load from) and
 * `<meta name="chatkit-api-origins">` (the CSP's extra connect-src, so the frame can name a blocked
 * `api.apiUrl` clearly) before `</head>`.
 */
export function injectAllowedOrigins(
  html: string,
  origins: readonly OriginPattern[],
  imageOrigins: readonly OriginPattern[] = [],
  apiOrigins: readonly OriginPattern[] = [],
): string {
  const meta =
    `<meta name="chatkit-api-origins" content="${escapeAttr(apiOrigins.join(' '))}">` +
    `<meta name="chatkit-image-origins" content="${escapeAttr(imageOrigins.join(' '))}">` +
    `<meta name="chatkit-allowed-origins" content="${escapeAttr(origins.join(' '))}">`
  const at = html.search(/<\/head>/i)
  return at === -1 ? meta + html : html.slice(0, at) + meta + html.slice(at)
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!)
}
