/**
 * Puts a theme on the document: `--ck-*` variables on the root element (via CSSOM `setProperty`,
 * which cannot be escaped from), `data-color-scheme`, and the `@font-face` rules in one `<style>`
 * element. Variables a previous theme set and this one does not are removed, so `setOptions`
 * updates live in both directions.
 */
import { fontFaceCss } from './fonts.js'
import { themeObject, themeVars } from './tokens.js'

const FONT_STYLE_ID = 'ck-font-faces'

export function applyTheme(doc: Document, theme: unknown, previous: readonly string[] = []): { names: string[]; problems: string[] } {
  const root = doc.documentElement
  const { scheme, vars, problems } = themeVars(theme)
  const names = Object.keys(vars)
  for (const name of previous) if (!(name in vars)) root.style.removeProperty(name)
  for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value)
  root.dataset.colorScheme = scheme

  const fonts = fontFaceCss(themeObject(theme).typography?.fontSources)
  let style = doc.getElementById(FONT_STYLE_ID) as HTMLStyleElement | null
  if (fonts.css) {
    if (!style) {
      style = doc.createElement('style')
      style.id = FONT_STYLE_ID
      doc.head.appendChild(style)
    }
    // textContent, never innerHTML: the CSS text stays text.
    style.textContent = fonts.css
  } else style?.remove()
  return { names, problems: [...problems, ...fonts.problems] }
}
