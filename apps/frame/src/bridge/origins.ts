/**
 * Which parent origins the frame talks to. The server writes the allowlist into the page as
 * `<meta name="chatkit-allowed-origins">`; we turn it into penpal's `allowedOrigins`.
 */
import { parseOriginList } from '@xpert-ai/chatkit-protocol'

export type AllowedOrigins = { ok: true; origins: (string | RegExp)[] } | { ok: false; reason: string }

const ALLOWED_ORIGINS_META = 'chatkit-allowed-origins'

export function readAllowedOrigins(doc: Document): AllowedOrigins {
  const meta = doc.querySelector(`meta[name="${ALLOWED_ORIGINS_META}"]`)
  if (!meta) return { ok: false, reason: `this page has no <meta name="${ALLOWED_ORIGINS_META}">, so no host page is allowed to embed it` }
  return allowedOriginsFrom(meta.getAttribute('content') ?? '')
}

export function allowedOriginsFrom(content: string): AllowedOrigins {
  let patterns: string[]
  try {
    patterns = parseOriginList(content)
  } catch (e) {
    return { ok: false, reason: `the allowed-origins list is invalid: ${(e as Error).message}` }
  }
  // An empty list would make penpal fall back to our own origin: say so instead.
  if (!patterns.length) return { ok: false, reason: 'the allowed-origins list is empty, so no host page is allowed to embed this frame' }
  return { ok: true, origins: patterns.map(toPenpalOrigin) }
}

/**
 * Exact origins stay strings; `https://*.example.com[:port]` becomes an anchored RegExp that
 * matches one or more subdomain labels and never the apex. `*` becomes "any http(s) origin"
 * rather than penpal's `'*'`, which would also accept the opaque origin `null` (a sandboxed or
 * file page) that `matchOrigin` refuses.
 */
export function toPenpalOrigin(pattern: string): string | RegExp {
  if (pattern === '*') return /^https?:\/\/[^/]+$/
  const w = /^(https?):\/\/\*\.([a-z0-9.-]+?)(:\d{1,5})?$/.exec(pattern)
  if (!w) return pattern
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${w[1]}:\\/\\/(?:[a-z0-9-]+\\.)+${esc(w[2])}${esc(w[3] ?? '')}$`)
}

/**
 * Whether the parent's origin, as the browser reports it (`location.ancestorOrigins`, else the
 * referrer's origin), is on the allowlist. Only a hint for the host SDK's early error: penpal's
 * own origin check is what guards the connection. Unknown (no way to tell) counts as accepted.
 */
export function acceptsParent(allowed: AllowedOrigins, loc: Location = location, referrer = document.referrer): boolean {
  if (!allowed.ok) return false
  const parent = parentOrigin(loc, referrer)
  return parent === null || allowed.origins.some((o) => (typeof o === 'string' ? o === parent : o.test(parent)))
}

/** The embedding page's origin as the browser reports it (`location.ancestorOrigins`, else the referrer's), or null. */
export function parentOrigin(loc: Location = location, referrer = document.referrer): string | null {
  return loc.ancestorOrigins?.[0] ?? (referrer ? new URL(referrer).origin : null)
}
