/**
 * URL allowlists for rendered markdown. Everything an agent writes is hostile until proven
 * otherwise: only these schemes ever reach an `href` or `src`.
 */

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

/** The src of a safe image (http(s), or a raster `data:image/…`; never SVG, which can script), or null. */
export function safeImageSrc(raw: string): string | null {
  const trimmed = raw.trim()
  if (/^data:/i.test(trimmed)) return IMAGE_DATA.test(trimmed) ? trimmed : null
  const url = parseAbsolute(trimmed)
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null
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
