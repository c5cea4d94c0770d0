import type { ComponentChildren } from 'preact'
import { htmlToVNodes } from '../safe-dom.js'

let chunk: Promise<typeof import('./render.js')> | null = null

/** KaTeX's HTML + MathML output, minus anything that could link, fetch or script. */
const POLICY = {
  elements: new Set([
    'span',
    'math',
    'semantics',
    'annotation',
    'mrow',
    'mi',
    'mo',
    'mn',
    'ms',
    'mtext',
    'mspace',
    'msup',
    'msub',
    'msubsup',
    'mfrac',
    'msqrt',
    'mroot',
    'mover',
    'munder',
    'munderover',
    'mtable',
    'mtr',
    'mtd',
    'mstyle',
    'mpadded',
    'mphantom',
    'menclose',
    'svg',
    'path',
    'line',
    'g',
  ]),
  attributes: new Set([
    'class',
    'style',
    'aria-hidden',
    'encoding',
    'mathvariant',
    'stretchy',
    'fence',
    'separator',
    'lspace',
    'rspace',
    'accent',
    'accentunder',
    'display',
    'displaystyle',
    'scriptlevel',
    'columnalign',
    'rowspacing',
    'columnspacing',
    'minsize',
    'maxsize',
    'movablelimits',
    'width',
    'height',
    'depth',
    'voffset',
    'notation',
    'linethickness',
    'viewbox',
    'preserveaspectratio',
    'd',
    'x1',
    'y1',
    'x2',
    'y2',
    'stroke-width',
    'symmetric',
    'largeop',
  ]),
}

export type MathOutput = { nodes: ComponentChildren } | { error: string }

/** Renders TeX in the lazily loaded KaTeX chunk. */
export async function renderMath(tex: string, display: boolean): Promise<MathOutput> {
  chunk ??= import('./render.js')
  try {
    const r = (await chunk).renderTex(tex, display)
    return 'html' in r ? { nodes: htmlToVNodes(r.html, POLICY) } : r
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}
