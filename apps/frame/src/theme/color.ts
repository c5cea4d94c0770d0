/**
 * Small color math for theming: parse, mix, WCAG contrast, and "nudge until readable". Colors are
 * [r, g, b] in 0–255. Only hex and rgb() are accepted from options: enough for tokens, and easy to
 * validate (a CSS keyword like `red` is refused with a clear message instead of guessed).
 */
export type RGB = readonly [number, number, number]

export function parseColor(input: unknown): RGB | null {
  if (typeof input !== 'string') return null
  const s = input.trim().toLowerCase()
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s)
  if (m) {
    const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as RGB
  }
  m = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/.exec(s)
  if (m) {
    const c = [m[1], m[2], m[3]].map(Number)
    return c.every((v) => v <= 255) ? (c as unknown as RGB) : null
  }
  return null
}

export function toHex([r, g, b]: RGB): string {
  return (
    '#' +
    [r, g, b]
      .map((v) =>
        Math.round(Math.min(255, Math.max(0, v)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  )
}

/** `amount` of `b` mixed into `a` (0 → a, 1 → b). */
export function mix(a: RGB, b: RGB, amount: number): RGB {
  return [0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * amount) as unknown as RGB
}

export function hsl(h: number, s: number, l: number): RGB {
  s /= 100
  l /= 100
  const k = (n: number) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))
  return [f(0) * 255, f(8) * 255, f(4) * 255]
}

/** WCAG relative luminance. */
function luminance(c: RGB): number {
  const [r, g, b] = c.map((v) => {
    const x = v / 255
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: RGB, b: RGB): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}

const BLACK: RGB = [0, 0, 0]
const WHITE: RGB = [255, 255, 255]

export const isDark = (c: RGB) => luminance(c) < 0.18

/**
 * `color` moved toward black or white (whichever side of `against` gives more room) just far
 * enough to reach `min` contrast. Keeps the hue, so a brand color stays recognisable.
 */
export function ensureContrast(color: RGB, against: RGB, min: number): RGB {
  if (contrast(color, against) >= min) return color
  const target = isDark(against) ? WHITE : BLACK
  for (let step = 1; step <= 20; step++) {
    const c = mix(color, target, step / 20)
    if (contrast(c, against) >= min) return c
  }
  return target
}

/** Black or white, whichever reads better on `bg`. */
export const readableOn = (bg: RGB): RGB => (contrast(WHITE, bg) >= contrast(BLACK, bg) ? WHITE : BLACK)
