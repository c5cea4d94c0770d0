/**
 * The math chunk: KaTeX with its stylesheet and fonts (self-hosted by the build, loaded with the
 * chunk). TeX from an agent is untrusted: no `\href`/`\url`/`\html…`/`\includegraphics` (refused
 * before KaTeX sees them, and `trust: false` besides), bounded macro expansion and sizes.
 */
import katex from 'katex'
import 'katex/dist/katex.min.css'

const REFUSED = /\\(href|url|html[A-Za-z]*|includegraphics)\b/

export type MathResult = { html: string } | { error: string }

export function renderTex(tex: string, display: boolean): MathResult {
  if (tex.length > 5000) return { error: 'formula too long' }
  if (REFUSED.test(tex)) return { error: 'links and HTML are not allowed in math' }
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxExpand: 500,
      maxSize: 30,
      output: 'htmlAndMathml',
    })
    return { html }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}
