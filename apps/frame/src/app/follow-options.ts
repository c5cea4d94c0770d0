/**
 * The page follows the options: theme (colour scheme, or a theme object applied by the lazy theme
 * code), presentation attributes, and the language (`lang`, `dir`). Every `setOptions` re-applies;
 * a bad value is reported once per change through `reportError`, the rest applies.
 */
import { effect } from '@preact/signals'
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { setLocale } from '../i18n/index.js'
import { options } from '../options/index.js'
import { applyPresentation } from './presentation.js'

const RTL = new Set(['ar', 'he', 'fa', 'ur'])

export function followOptions(doc: Document, reportError: (e: unknown) => void): void {
  // `'light'`/`'dark'` need only the stylesheet's defaults; the theme code loads for a theme object.
  let themeNames: string[] = []
  let lastProblems = ''
  let themeToken = 0
  effect(() => {
    const o = options.value
    if (!o) return
    const theme = o.theme
    const token = ++themeToken
    if (typeof theme !== 'object' && !themeNames.length) {
      doc.documentElement.dataset.colorScheme = theme === 'dark' ? 'dark' : 'light'
      return
    }
    void import('../theme/index.js').then(({ applyTheme }) => {
      if (token !== themeToken) return
      const r = applyTheme(doc, theme, themeNames)
      themeNames = r.names
      const key = r.problems.join('\n')
      if (key && key !== lastProblems) for (const p of r.problems) reportError(new ChatKitError(ErrorCodes.InvalidOptions, p))
      lastProblems = key
    })
  })

  effect(() => {
    const o = options.value
    if (o) applyPresentation(doc.documentElement, o as Parameters<typeof applyPresentation>[1])
  })

  // Language: the locale option, else the browser's; `lang` and `dir` follow the resolved file.
  effect(() => {
    const o = options.value
    if (!o) return
    const wanted = typeof o.locale === 'string' && o.locale ? o.locale : navigator.language
    setLocale(wanted).then(
      (locale) => {
        doc.documentElement.lang = locale
        doc.documentElement.dir = RTL.has(locale.split('-')[0]) ? 'rtl' : 'ltr'
      },
      (e) => reportError(new ChatKitError(ErrorCodes.InvalidOptions, `could not load the "${wanted}" strings: ${(e as Error).message}`)),
    )
  })
}
