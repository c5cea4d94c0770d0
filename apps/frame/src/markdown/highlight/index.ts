import type { ComponentChildren } from 'preact'
import { htmlToVNodes } from '../safe-dom.js'

let chunk: Promise<typeof import('./languages.js')> | null = null

/** Only `<span class="hljs-…">` survives from highlight.js's output. */
const POLICY = { elements: new Set(['span']), attributes: new Set(['class']) }

/** Highlighted vnodes for `code`, or null (unknown language, or the chunk failed to load). */
export async function highlight(code: string, language: string): Promise<ComponentChildren | null> {
  chunk ??= import('./languages.js')
  try {
    const html = (await chunk).highlightHtml(code, language)
    return html === null ? null : htmlToVNodes(html, POLICY)
  } catch {
    return null
  }
}
