/**
 * URL allowlists for rendered markdown. Everything an agent writes is hostile until proven
 * otherwise: only these schemes ever reach an `href` or `src`.
 */
import { matchOrigin, parseOriginList, type OriginPattern } from '@xpert-ai/chatkit-protocol'

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const IMAGE_DATA = /^data:image\/(?:png|jpeg|gif|webp)(?:;[a-z0-9=.+-]+)*,/i

/**
 * The normalized href of a safe link, or null. Parsing with `URL` (the browser's own parser) is
 * what defeats `java\tscript:`, entity and case tricks: we check what the browser would follow.
 */
export function safeLinkHref(raw: string): string | null {
  const url = parseAbsolute(raw)
  return url && LINK_PROTOCOLS.has(url.protocol) ? url.href : null
}

/** `data:` images longer than this (≈ 380 KB of image) are not shown. */
export const MAX_DATA_IMAGE_CHARS = 512 * 1024

/** Where agent-authored images may load from: the frame's own origin and the operator's list. */
export type ImagePolicy = { self: string; allowed: readonly OriginPattern[] }

/**
 * What to do with an image URL an agent wrote. `load`: an `<img>` may fetch it (the frame's own
 * origin, an operator-allowed origin, or a raster `data:image/…` within the size cap). `ask`: an
 * http(s) image from anywhere else — never fetched by the frame; shown as a link the user may
 * open in a new tab (a fetch could carry the conversation to its server). `refuse`: anything
 * else (other schemes, SVG, relative URLs, oversized `data:`), shown as its alt text at most.
 */
export type ImageDecision = { load: string } | { ask: string; host: string } | { refuse: 'url' | 'size' }

export function decideImage(raw: string, policy: ImagePolicy = imagePolicy()): ImageDecision {
  const trimmed = raw.trim()
  if (/^data:/i.test(trimmed)) {
    if (!IMAGE_DATA.test(trimmed)) return { refuse: 'url' }
    return trimmed.length <= MAX_DATA_IMAGE_CHARS ? { load: trimmed } : { refuse: 'size' }
  }
  const url = parseAbsolute(trimmed)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return { refuse: 'url' }
  if (url.origin === policy.self || matchOrigin(policy.allowed, url.origin)) return { load: url.href }
  return { ask: url.href, host: url.host }
}

/** The operator's image origins, from `<meta name="chatkit-image-origins">`; a bad list allows none. */
export function readImagePolicy(doc: Document, self: string): ImagePolicy {
  const content = doc.querySelector('meta[name="chatkit-image-origins"]')?.getAttribute('content') ?? ''
  let allowed: OriginPattern[] = []
  try {
    // `*` never: the server refuses it, and the frame does not trust a page that has it.
    allowed = parseOriginList(content).filter((p) => p !== '*')
  } catch {
    allowed = []
  }
  return { self, allowed }
}

/** Read on each use (images are few), so the page's meta is the one source of truth. */
function imagePolicy(): ImagePolicy {
  return typeof document === 'undefined' ? { self: '', allowed: [] } : readImagePolicy(document, location.origin)
}

function parseAbsolute(raw: string): URL | null {
  try {
    // No base: relative URLs would resolve against the frame's own origin, which an agent's
    // answer has no business linking to.
    return new URL(raw.trim())
  } catch {
    return null
  }
}
