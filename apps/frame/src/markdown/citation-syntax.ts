/**
 * Citation markers: `[1]`, `[2]`… in an answer's text cite the answer's sources by their 1-based
 * position (docs/agents.md). A marked inline extension making `citation` tokens; the renderer
 * shows one as a link with a card when the answer has that source, else as the text it was.
 * Not a marker: `[1](url)` (a link) and `[1]:` (a reference definition).
 */
import type { TokenizerAndRendererExtension, Tokens } from 'marked'

const MARKER = /^\[(\d{1,3})\](?![(:])/

export const citation: TokenizerAndRendererExtension = {
  name: 'citation',
  level: 'inline',
  start: (src) => {
    const i = src.search(/\[\d/)
    return i < 0 ? undefined : i
  },
  tokenizer(src) {
    const m = MARKER.exec(src)
    if (!m || m[1] === '0') return undefined
    return { type: 'citation', raw: m[0], n: Number(m[1]) } as Tokens.Generic
  },
}
