/**
 * `theme` option → `--ck-*` CSS variables. Pure: the same theme always gives the same variables,
 * and every text color is checked against its background (WCAG AA, 4.5:1) in both schemes, so a
 * host's brand colors can never make the chat unreadable.
 */
import type { ChatKitTheme, ColorScheme } from '@xpert-ai/chatkit-protocol'
import { contrast, ensureContrast, hsl, isDark, mix, parseColor, readableOn, toHex, type RGB } from './color.js'

type ThemeVars = Record<`--ck-${string}`, string>
export type ThemeResult = { scheme: ColorScheme; vars: ThemeVars; problems: string[] }

const RADII = {
  pill: ['22px', '999px', '999px'],
  round: ['16px', '10px', '999px'],
  soft: ['10px', '6px', '8px'],
  sharp: ['2px', '2px', '2px'],
} as const
const DENSITY = { compact: ['10px', '8px'], normal: ['16px', '14px'], spacious: ['22px', '20px'] } as const
const SIZES = [14, 15, 16, 17, 18]
// A little above 4.5: values are rounded to hex after the check.
const AA = 4.6

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

/** Normalises `'light' | 'dark' | ChatKitTheme | undefined` to a theme object. */
export function themeObject(theme: unknown): ChatKitTheme {
  if (theme === 'light' || theme === 'dark') return { colorScheme: theme }
  return theme && typeof theme === 'object' ? (theme as ChatKitTheme) : {}
}

export function themeVars(input: unknown): ThemeResult {
  const theme = themeObject(input)
  const problems: string[] = []
  const scheme: ColorScheme = theme.colorScheme === 'dark' ? 'dark' : 'light'
  const dark = scheme === 'dark'
  const vars: ThemeVars = {}

  const radius = RADII[theme.radius as keyof typeof RADII] ?? RADII.round
  if (theme.radius !== undefined && !(theme.radius in RADII)) problems.push(`theme.radius: expected pill | round | soft | sharp, got ${String(theme.radius)}`)
  ;[vars['--ck-radius'], vars['--ck-radius-small'], vars['--ck-radius-control']] = radius

  const density = DENSITY[theme.density as keyof typeof DENSITY] ?? DENSITY.normal
  if (theme.density !== undefined && !(theme.density in DENSITY))
    problems.push(`theme.density: expected compact | normal | spacious, got ${String(theme.density)}`)
  ;[vars['--ck-space'], vars['--ck-gap']] = density

  const typo = theme.typography ?? {}
  if (typo.baseSize !== undefined) {
    if (SIZES.includes(typo.baseSize)) vars['--ck-font-size'] = `${typo.baseSize}px`
    else problems.push(`theme.typography.baseSize: expected 14–18, got ${String(typo.baseSize)}`)
  }
  if (typeof typo.fontFamily === 'string' && typo.fontFamily.trim()) vars['--ck-font'] = `${typo.fontFamily}, ui-sans-serif, system-ui, sans-serif`
  if (typeof typo.fontFamilyMono === 'string' && typo.fontFamilyMono.trim()) vars['--ck-font-mono'] = `${typo.fontFamilyMono}, ui-monospace, monospace`

  Object.assign(vars, colorVars(theme, dark, problems))
  return { scheme, vars, problems }
}

function colorVars(theme: ChatKitTheme, dark: boolean, problems: string[]): ThemeVars {
  const color = theme.color ?? {}
  const g = color.grayscale
  const hue = num(g?.hue, 220)
  const sat = clamp(num(g?.tint, 1), 0, 9) * 3
  const shade = clamp(num(g?.shade, 0), -4, 4)
  const gray = (l: number) => hsl(hue, sat, clamp(l, 0, 100))

  // Light: pure white unless a grayscale is set; then a tinted near-white (97 %) that `shade`
  // moves both ways (-4 → 94 %, +4 → 100 %), so hue and tint stay visible in the background.
  const baseL = dark ? clamp(10 + shade * 1.5, 3, 22) : g ? clamp(97 + shade * 0.75, 88, 100) : 100
  let bg = gray(baseL)
  let fg = gray(dark ? 93 : 11)
  const surfaceColors = color.surface
  if (surfaceColors) {
    const b = parseColor(surfaceColors.background)
    const f = parseColor(surfaceColors.foreground)
    if (b) bg = b
    else problems.push(`theme.color.surface.background: expected a hex or rgb() color, got ${String(surfaceColors.background)}`)
    if (f) fg = f
    else problems.push(`theme.color.surface.foreground: expected a hex or rgb() color, got ${String(surfaceColors.foreground)}`)
  }
  // The background decides the scheme's direction: a dark surface in "light" mode still works.
  const onDark = isDark(bg)
  // A mid-tone background leaves no room for readable text and muted text: push it outward.
  bg = ensureContrast(bg, onDark ? [255, 255, 255] : [0, 0, 0], 10)
  const toward: RGB = onDark ? [255, 255, 255] : [0, 0, 0]
  const surface = mix(bg, toward, onDark ? 0.07 : 0.035)
  const border = mix(bg, toward, onDark ? 0.16 : 0.12)
  fg = ensureContrast(fg, surface, 7)

  let primary = parseColor(color.accent?.primary) ?? (dark ? ([107, 149, 255] as RGB) : ([47, 107, 255] as RGB))
  if (color.accent?.primary !== undefined && !parseColor(color.accent.primary))
    problems.push(`theme.color.accent.primary: expected a hex or rgb() color, got ${String(color.accent.primary)}`)
  const accentFg = readableOn(primary)
  primary = ensureContrast(primary, accentFg, AA)
  const accentText = ensureContrast(ensureContrast(primary, bg, AA), surface, AA)
  const level = clamp(num(color.accent?.level, 1), 0, 3)
  let userBg = mix(surface, primary, [0, 0.08, 0.14, 0.2][Math.round(level)])
  if (contrast(fg, userBg) < 7) userBg = surface
  // Muted text sits on the background, on surfaces and on a question's bubble (its time, its toolbar).
  const muted = ensureContrast(ensureContrast(ensureContrast(mix(fg, bg, 0.38), bg, AA), surface, AA), userBg, AA)
  const errorBase: RGB = onDark ? [255, 138, 128] : [180, 35, 24]
  const errorBg = mix(bg, errorBase, 0.1)

  return {
    '--ck-bg': toHex(bg),
    '--ck-fg': toHex(fg),
    '--ck-muted': toHex(muted),
    '--ck-surface': toHex(surface),
    '--ck-border': toHex(border),
    '--ck-user-bg': toHex(userBg),
    '--ck-code-bg': toHex(mix(bg, toward, onDark ? 0.05 : 0.025)),
    '--ck-accent': toHex(primary),
    '--ck-accent-fg': toHex(accentFg),
    '--ck-accent-text': toHex(accentText),
    '--ck-focus-color': toHex(accentText),
    '--ck-error': toHex(ensureContrast(errorBase, errorBg, AA)),
    '--ck-error-bg': toHex(errorBg),
  }
}
