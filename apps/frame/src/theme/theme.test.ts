// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyTheme } from './apply.js'
import { contrast, parseColor, type RGB } from './color.js'
import { cssString, fontFaceCss } from './fonts.js'
import { themeVars } from './tokens.js'

const c = (v: string) => parseColor(v) as RGB

describe('theme variables', () => {
  it('maps radius, density and base size', () => {
    const { vars, problems } = themeVars({ radius: 'sharp', density: 'compact', typography: { baseSize: 18, fontFamily: 'Inter' } })
    expect(vars['--ck-radius']).toBe('2px')
    expect(vars['--ck-space']).toBe('10px')
    expect(vars['--ck-gap']).toBeDefined()
    expect(themeVars({ density: 'spacious' }).vars['--ck-gap']).not.toBe(vars['--ck-gap'])
    // theme.density's gap spaces the messages (not only the outer padding).
    expect(readFileSync('apps/frame/src/ui/styles.css', 'utf8')).toMatch(/\.ck-log \{[^}]*gap: var\(--ck-gap/)
    expect(vars['--ck-font-size']).toBe('18px')
    expect(vars['--ck-font']).toMatch(/^Inter, /)
    expect(problems).toEqual([])
  })

  it('reports bad values instead of guessing', () => {
    const { problems } = themeVars({ radius: 'blob', typography: { baseSize: 40 }, color: { accent: { primary: 'red', level: 1 } } })
    expect(problems.join('\n')).toMatch(/radius.*blob[\s\S]*baseSize[\s\S]*accent\.primary/)
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps text AA-readable in ${scheme} even with hostile brand colors`, () => {
      const hostile = [
        {},
        { color: { accent: { primary: '#ffff00', level: 3 as const } } },
        { color: { surface: { background: '#777777', foreground: '#808080' } } },
        { color: { grayscale: { hue: 30, tint: 9, shade: 4 }, accent: { primary: '#0000ff', level: 0 as const } } },
      ]
      for (const t of hostile) {
        const { vars } = themeVars({ colorScheme: scheme, ...t })
        const bg = c(vars['--ck-bg'])
        expect(contrast(c(vars['--ck-fg']), bg)).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-muted']), bg)).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-muted']), c(vars['--ck-surface']))).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-accent-text']), bg)).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-accent-fg']), c(vars['--ck-accent']))).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-fg']), c(vars['--ck-user-bg']))).toBeGreaterThanOrEqual(4.5)
        // A question's time and toolbar sit on the user bubble.
        expect(contrast(c(vars['--ck-muted']), c(vars['--ck-user-bg']))).toBeGreaterThanOrEqual(4.5)
        expect(contrast(c(vars['--ck-error']), c(vars['--ck-error-bg']))).toBeGreaterThanOrEqual(4.5)
      }
    })
  }

  it('grayscale tints the light background with its hue; shade moves it both ways; unset stays white', () => {
    const bg = (grayscale?: { hue: number; tint: number; shade?: number }) =>
      parseColor(themeVars({ colorScheme: 'light', color: grayscale && { grayscale } }).vars['--ck-bg'])!
    expect(bg()).toEqual([255, 255, 255])
    const [r, , b] = bg({ hue: 30, tint: 6 })
    expect(r).toBeGreaterThan(b) // warm hue 30 is visible
    const sum = (c: RGB) => c[0] + c[1] + c[2]
    expect(sum(bg({ hue: 30, tint: 6, shade: 4 }))).toBeGreaterThan(sum(bg({ hue: 30, tint: 6 })))
    expect(sum(bg({ hue: 30, tint: 6, shade: -4 }))).toBeLessThan(sum(bg({ hue: 30, tint: 6 })))
  })

  it('accent level, monospace font and font-face fields reach their variables and rule', () => {
    const user = (level: 0 | 1 | 2 | 3) => themeVars({ color: { accent: { primary: '#2f6bff', level } } }).vars['--ck-user-bg']
    expect(new Set([user(0), user(1), user(3)]).size).toBe(3)
    expect(themeVars({ typography: { fontFamilyMono: 'Fira Code' } }).vars['--ck-font-mono']).toMatch(/^Fira Code, /)
    const { css, problems } = fontFaceCss([
      { family: 'Brand', src: 'https://f.example/b.woff2', weight: 600, style: 'italic', display: 'optional', unicodeRange: 'U+0000-00FF' },
    ])
    expect(problems).toEqual([])
    for (const d of ['font-weight:600', 'font-style:italic', 'font-display:optional', 'unicode-range:U+0000-00FF']) expect(css).toContain(d)
  })

  it('dark scheme has a dark background', () => {
    expect(contrast(c(themeVars('dark').vars['--ck-bg']), [0, 0, 0])).toBeLessThan(2)
  })
})

describe('font sources', () => {
  it('escapes names and URLs so nothing breaks out of the rule or the style element', () => {
    const { css } = fontFaceCss([{ family: 'Evil"}</style><script>', src: 'https://f.example/a.woff2?x="})' }])
    expect(css).not.toMatch(/<\/style|"\}|<script/)
    expect(css.startsWith('@font-face{')).toBe(true)
    expect(cssString('a"b')).toBe('"a\\22 b"')
  })

  it('refuses non-http(s) URLs and bad fields with a path', () => {
    const { css, problems } = fontFaceCss([
      { family: 'X', src: 'javascript:alert(1)' },
      { family: 'Y', src: 'https://x/y.woff2', style: 'wavy' },
    ])
    expect(css).toContain('"Y"')
    expect(problems).toEqual([expect.stringContaining('[0].src'), expect.stringContaining('[1].style')])
  })
})

describe('applyTheme', () => {
  it('sets and removes variables live, and manages one font style element', () => {
    const first = applyTheme(document, { colorScheme: 'dark', typography: { baseSize: 17, fontSources: [{ family: 'F', src: 'https://x/f.woff2' }] } })
    const root = document.documentElement
    expect(root.dataset.colorScheme).toBe('dark')
    expect(root.style.getPropertyValue('--ck-font-size')).toBe('17px')
    expect(document.getElementById('ck-font-faces')?.textContent).toContain('@font-face')
    applyTheme(document, 'light', first.names)
    expect(root.dataset.colorScheme).toBe('light')
    expect(root.style.getPropertyValue('--ck-font-size')).toBe('')
    expect(document.getElementById('ck-font-faces')).toBeNull()
  })
})
