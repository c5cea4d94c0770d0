/**
 * A source as the frame shows it. Stored messages and the stream are checked by the server, but
 * the frame checks again (any server may speak to it): only absolute http(s) URLs become links.
 */
import { safeLinkHref } from '../markdown/urls.js'

export type ShownSource = { n: number; title: string; url: string; host: string; snippet?: string }

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '')

/** The `n`-th (1-based) source of `list`, or null when it is missing or not a safe http(s) link. */
export function sourceAt(list: readonly unknown[], n: number): ShownSource | null {
  const raw = list[n - 1] as Record<string, unknown> | null | undefined
  if (!raw || typeof raw !== 'object' || typeof raw.url !== 'string') return null
  const href = safeLinkHref(raw.url)
  if (!href?.startsWith('http')) return null
  const url = new URL(href)
  const snippet = text(raw.snippet, 600)
  return { n, title: text(raw.title, 300) || url.host, url: url.href, host: url.host, ...(snippet ? { snippet } : {}) }
}

/** Every shown source of `list`, numbered by position (a skipped one keeps the numbers after it). */
export function shownSources(list: readonly unknown[]): ShownSource[] {
  return list.flatMap((_, i) => sourceAt(list, i + 1) ?? [])
}
