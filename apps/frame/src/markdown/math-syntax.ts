/**
 * Math in markdown: `$$…$$` and `\[…\]` as blocks, `$…$` and `\(…\)` inline. marked extensions
 * that produce `math` tokens (the renderer typesets them in the lazy KaTeX chunk). A lone `$` in
 * prose ("costs $5 and $6") is not math: the opening `$` must not be followed by a space and the
 * closing one must not be preceded by a space nor followed by a digit.
 */
import type { TokenizerAndRendererExtension, Tokens } from 'marked'

type MathToken = Tokens.Generic & { type: 'math'; text: string; display: boolean }

const BLOCK = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/
const INLINE = /^(?:\$\$([^$]+?)\$\$|\$(?![\s$])((?:\\\$|[^$\n])+?)(?<![\s\\])\$(?!\d)|\\\(([\s\S]+?)\\\))/

export const mathBlock: TokenizerAndRendererExtension = {
  name: 'mathBlock',
  level: 'block',
  start: (src) => src.match(/^\s*(?:\$\$|\\\[)/m)?.index,
  tokenizer(src) {
    const m = BLOCK.exec(src)
    if (!m) return undefined
    return { type: 'math', raw: m[0], text: (m[1] ?? m[2]).trim(), display: true } as MathToken
  },
}

export const mathInline: TokenizerAndRendererExtension = {
  name: 'mathInline',
  level: 'inline',
  start: (src) => {
    const i = src.search(/\$|\\\(/)
    return i < 0 ? undefined : i
  },
  tokenizer(src) {
    const m = INLINE.exec(src)
    if (!m) return undefined
    const display = m[1] !== undefined
    return { type: 'math', raw: m[0], text: (m[1] ?? m[2] ?? m[3]).trim(), display } as MathToken
  },
}
