/**
 * Incremental markdown lexing for streamed answers. Top-level blocks before the last one are
 * "settled": an append can no longer change them, so they are lexed once and keep their token
 * identity (the renderer skips them). Each update re-lexes only from the start of the last block,
 * so a streamed answer costs time linear in its length instead of quadratic.
 */
import { Lexer, Marked, type Token, type TokensList } from 'marked'
import { guardLex } from './guard.js'
import { citation } from './citation-syntax.js'
import { mathBlock, mathInline } from './math-syntax.js'

type Links = TokensList['links']

/** Lexes `src` knowing the link reference definitions seen in earlier blocks. */
export type Lex = (src: string, links: Links) => Token[] & { links?: Links }

type MarkdownSnapshot = {
  /** Settled blocks; the array only grows while the text is appended to. */
  readonly settled: readonly Token[]
  /** The blocks from the last settled offset on; re-lexed on every change. */
  readonly tail: readonly Token[]
}

/** GFM plus math and citation markers; `use` turns the extensions into the lexer options marked expects. */
const lexerOptions = new Marked({ gfm: true, breaks: false }).use({ extensions: [mathBlock, mathInline, citation] }).defaults

const lexGfm: Lex = (src, links) => {
  const lexer = new Lexer(lexerOptions)
  Object.assign(lexer.tokens.links, links)
  return lexer.lex(src)
}

/** Lexes GFM; blocks too deeply nested or too dense to lex safely stay plain text (guard.ts). */
export const lexMarkdown: Lex = guardLex(lexGfm)

export type IncrementalMarkdown = { update(text: string): MarkdownSnapshot }

export function createIncrementalMarkdown(lex: Lex = lexMarkdown): IncrementalMarkdown {
  let source = ''
  let settled: Token[] = []
  let settledEnd = 0
  let links: Links = {}
  let last: MarkdownSnapshot | null = null

  function update(text: string): MarkdownSnapshot {
    // marked normalizes line endings before lexing; we do it first so offsets match its `raw`s.
    const src = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
    if (last && src === source) return last
    if (!src.startsWith(source)) {
      // Not an append (a replaced or reloaded text): start over.
      settled = []
      settledEnd = 0
      links = {}
    }
    source = src
    const rest = src.slice(settledEnd)
    const tokens = lex(rest, { ...links })
    let lastBlock = tokens.length - 1
    while (lastBlock > 0 && tokens[lastBlock].type === 'space') lastBlock--
    // Settle only when the tokens account for every character: then offsets are trustworthy.
    let total = 0
    for (const t of tokens) total += t.raw.length
    let count = 0
    if (total === rest.length && lastBlock > 0) {
      count = lastBlock
      const fresh = tokens.slice(0, count)
      if (settled.length && fresh.some((t) => t.type === 'def' && !links[t.tag])) {
        // A new reference definition may resolve a link in an earlier settled block (defs can
        // come after their use). Rare, so lexing everything again once is the simple answer.
        settled = []
        settledEnd = 0
        links = {}
        last = null
        source = ''
        return update(src)
      }
      for (const t of fresh) settledEnd += t.raw.length
      settled = settled.concat(fresh)
      // Only settled definitions are remembered: one still in the tail may yet change.
      for (const t of fresh) if (t.type === 'def' && !links[t.tag]) links = { ...links, [t.tag]: { href: t.href, title: t.title } }
    }
    last = { settled, tail: tokens.slice(count) }
    return last
  }
  return { update }
}
