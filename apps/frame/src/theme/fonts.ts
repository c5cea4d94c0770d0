/**
 * `theme.typography.fontSources` → `@font-face` rules. The rules go into a `<style>` element as
 * text, so every value is checked or escaped here: a family name or URL can never close the
 * string, the rule or the element. Font URLs must be http(s) or data:. The frame's CSP allows
 * fonts from the frame origin and data: only (`font-src 'self' data:`), so a self-hosted font must
 * be served by the ChatKit server's origin (or inlined as a data: URL).
 */
import type { FontObject } from '@xpert-ai/chatkit-protocol'

const STYLES = ['normal', 'italic', 'oblique']
const DISPLAYS = ['auto', 'block', 'swap', 'fallback', 'optional']

/** A CSS string literal: quotes, backslashes, newlines and `<` cannot break out. */
export function cssString(s: string): string {
  return '"' + s.replace(/[\\"\n\r\f<>]/g, (c) => '\\' + c.charCodeAt(0).toString(16) + ' ') + '"'
}

function safeFontUrl(src: unknown): string | null {
  if (typeof src !== 'string') return null
  if (/^data:(font|application)\/[\w.+-]+;base64,[A-Za-z0-9+/=]+$/.test(src)) return src
  try {
    // Relative URLs resolve against the frame, as validation accepts them.
    const u = new URL(src, globalThis.location?.href)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}

export function fontFaceCss(sources: unknown): { css: string; problems: string[] } {
  if (sources === undefined) return { css: '', problems: [] }
  if (!Array.isArray(sources)) return { css: '', problems: ['theme.typography.fontSources: expected an array'] }
  const rules: string[] = []
  const problems: string[] = []
  sources.forEach((f: Partial<FontObject>, i) => {
    const at = `theme.typography.fontSources[${i}]`
    const url = safeFontUrl(f?.src)
    if (typeof f?.family !== 'string' || !f.family.trim()) {
      problems.push(`${at}.family: expected a font family name`)
      return
    }
    if (!url) {
      problems.push(`${at}.src: expected an http(s) or data:font URL`)
      return
    }
    const decl = [`font-family:${cssString(f.family)}`, `src:url(${cssString(url)})`]
    if (f.weight !== undefined) {
      if (/^\d{1,4}( \d{1,4})?$|^(normal|bold)$/.test(String(f.weight))) decl.push(`font-weight:${f.weight}`)
      else problems.push(`${at}.weight: expected a number, "normal" or "bold"`)
    }
    if (f.style !== undefined) STYLES.includes(f.style) ? decl.push(`font-style:${f.style}`) : problems.push(`${at}.style: expected normal | italic | oblique`)
    if (f.display !== undefined)
      DISPLAYS.includes(f.display) ? decl.push(`font-display:${f.display}`) : problems.push(`${at}.display: expected ${DISPLAYS.join(' | ')}`)
    else decl.push('font-display:swap')
    if (f.unicodeRange !== undefined) {
      if (/^[Uu]\+[0-9A-Fa-f?]{1,6}(-[0-9A-Fa-f]{1,6})?(\s*,\s*[Uu]\+[0-9A-Fa-f?]{1,6}(-[0-9A-Fa-f]{1,6})?)*$/.test(f.unicodeRange))
        decl.push(`unicode-range:${f.unicodeRange}`)
      else problems.push(`${at}.unicodeRange: expected U+0000-00FF style ranges`)
    }
    rules.push(`@font-face{${decl.join(';')}}`)
  })
  return { css: rules.join('\n'), problems }
}
