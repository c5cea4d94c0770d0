/**
 * Widget layout props → inline style values, through allowlists: a widget may size, space and
 * colour its own box, but no value can carry `url(…)`, `expression`, a `;` or anything else that
 * could fetch, script or escape the message. Everything else is dropped.
 */
import type { CSSProperties } from 'preact'

type Style = CSSProperties
const LENGTH = /^(?:\d{1,5}(?:\.\d{1,3})?(?:px|%|rem|em)?|auto)$/
const COLOR = /^(?:#[\da-f]{3,8}|[a-z]{3,20}(?:-\d{1,3})?|rgba?\(\s*[\d.\s,%]{5,40}\)|hsla?\(\s*[\d.\s,%deg]{5,40}\))$/i

/** Spacing numbers are ChatKit units of 4 px; strings must be plain lengths. */
export function space(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100) return `${v * 4}px`
  return typeof v === 'string' && LENGTH.test(v.trim()) ? v.trim() : undefined
}

export function length(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 4000) return `${v}px`
  return typeof v === 'string' && LENGTH.test(v.trim()) ? v.trim() : undefined
}

export function color(v: unknown, scheme: 'light' | 'dark'): string | undefined {
  const c = v && typeof v === 'object' ? (v as Record<string, unknown>)[scheme] : v
  if (typeof c !== 'string' || !COLOR.test(c.trim())) return undefined
  const s = c.trim()
  // Bare words are theme tokens first (`secondary`, `success`), CSS colour names second.
  return /^[a-z]+(?:-\d+)?$/i.test(s) ? `var(--ck-color-${s.toLowerCase()}, ${s})` : s
}

const ALIGN: Record<string, string> = { start: 'flex-start', end: 'flex-end', center: 'center', baseline: 'baseline', stretch: 'stretch' }
const JUSTIFY: Record<string, string> = { ...ALIGN, between: 'space-between', around: 'space-around', evenly: 'space-evenly' }

/** The style of a box-like node (Box, Row, Col, Form, Card, Basic, ListViewItem). */
export function boxStyle(n: Record<string, unknown>, scheme: 'light' | 'dark', direction?: 'row' | 'column'): Style {
  const s: Style = {}
  const dir = direction ?? (n.direction === 'row' ? 'row' : n.direction === 'col' ? 'column' : undefined)
  if (dir) s.flexDirection = dir
  if (typeof n.align === 'string' && ALIGN[n.align]) s.alignItems = ALIGN[n.align]
  if (typeof n.justify === 'string' && JUSTIFY[n.justify]) s.justifyContent = JUSTIFY[n.justify]
  if (n.wrap === 'wrap' || n.wrap === 'nowrap' || n.wrap === 'wrap-reverse') s.flexWrap = n.wrap
  if (typeof n.flex === 'number' && n.flex >= 0 && n.flex <= 100) s.flex = n.flex
  const gap = space(n.gap)
  if (gap) s.gap = gap
  if (typeof n.padding === 'number' || typeof n.padding === 'string') s.padding = space(n.padding)
  const bg = color(n.background, scheme)
  if (bg) s.background = bg
  for (const k of ['width', 'height', 'minWidth', 'minHeight', 'maxWidth', 'maxHeight'] as const) {
    const v = length(n[k])
    if (v) s[k] = v
  }
  return s
}
