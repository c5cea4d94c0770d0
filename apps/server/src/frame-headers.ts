import type { OriginPattern } from '@xpert-ai/chatkit-protocol'

/**
 * Security headers of every frame response. `frame-ancestors` is the same allowlist the frame
 * reads from its meta tag, so the browser refuses to render the frame anywhere else even before
 * the frame's own origin check runs. `connect-src` is this server plus `apiOrigins`: where an
 * app mounts the ChatKit API itself (a Next.js route handler), the frame may call it there.
 */
export function frameSecurityHeaders(origins: readonly OriginPattern[], apiOrigins: readonly OriginPattern[] = []): Record<string, string> {
  const ancestors = origins.length === 0 ? "'none'" : origins.join(' ')
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "font-src 'self' data:",
      ["connect-src 'self'", ...apiOrigins].join(' '),
      `frame-ancestors ${ancestors}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }
}

/** Injects `<meta name="chatkit-allowed-origins">` before `</head>` (the frame's parent allowlist). */
export function injectAllowedOrigins(html: string, origins: readonly OriginPattern[]): string {
  const meta = `<meta name="chatkit-allowed-origins" content="${escapeAttr(origins.join(' '))}">`
  const at = html.search(/<\/head>/i)
  return at === -1 ? meta + html : html.slice(0, at) + meta + html.slice(at)
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!)
}
