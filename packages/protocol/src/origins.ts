/**
 * Origin allowlists, shared by the server (CORS, `frame-ancestors`) and the frame (which parents
 * it accepts). Entries are exact origins (`https://app.example.com`, `http://127.0.0.1:8788`),
 * wildcard subdomains (`https://*.example.com`, matching one or more labels, never the apex), or
 * `*` (any origin; only behind an explicit dev setting on the server).
 */

export type OriginPattern = string

const EXACT = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:\d{1,5})?$/
const WILDCARD = /^(https?):\/\/\*\.([a-z0-9-]+(?:\.[a-z0-9-]+)+)(:\d{1,5})?$/

/** Splits a comma/space separated list and validates each entry; throws on a malformed one. */
export function parseOriginList(list: string | readonly string[]): OriginPattern[] {
  const items = (typeof list === 'string' ? list.split(/[\s,]+/) : [...list]).map((s) => s.trim()).filter(Boolean)
  return items.map((raw) => {
    const item = raw.toLowerCase().replace(/\/+$/, '')
    if (item === '*' || EXACT.test(item) || WILDCARD.test(item)) return item
    throw new Error(`invalid origin "${raw}": expected scheme://host[:port], scheme://*.domain[:port] or *`)
  })
}

/** True when `origin` (as the browser reports it) is allowed by one of `patterns`. */
export function matchOrigin(patterns: readonly OriginPattern[], origin: string | null | undefined): boolean {
  if (!origin || origin === 'null') return false
  const o = origin.toLowerCase()
  for (const p of patterns) {
    if (p === '*' || p === o) return true
    const w = WILDCARD.exec(p)
    if (!w) continue
    const m = EXACT.exec(o)
    if (!m || m[1] !== w[1] || (m[3] ?? '') !== (w[3] ?? '')) continue
    if (m[2].endsWith('.' + w[2])) return true
  }
  return false
}
