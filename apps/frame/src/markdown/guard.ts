/**
 * Keeps hostile markdown from freezing or crashing the frame. marked recurses once per nesting
 * level (`>>>>…` or `- - - …` 10,000 deep overflows the stack) and re-scans nested content per
 * level, and its inline rules are superlinear on long runs of unmatched delimiters (`_a__a…`).
 * Before lexing, each block (lines between blank lines, outside code fences) is checked in
 * linear time; a block nested deeper than MAX_NESTING or long and dense with delimiters is not
 * lexed but shown as plain text with a note (an `unformatted` token, see render.tsx).
 */
import type { Token } from 'marked'
import type { Lex } from './incremental.js'

/** Container levels (`>`, list markers, 2 spaces of indent) a line may open. */
export const MAX_NESTING = 16
/** A block longer than `length` with more than `ratio` of delimiter characters is not lexed. */
export const DENSE = { length: 8000, ratio: 0.2 }

type UnformattedToken = { type: 'unformatted'; raw: string; text: string }

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const DELIMS = new Set(['*', '_', '[', ']', '`', '<', '~'])

/** Container depth a line opens: quote markers, list markers and indentation. */
function depth(line: string): number {
  let d = 0
  let i = 0
  let spaces = 0
  for (;;) {
    const c = line[i]
    if (c === ' ' || c === '\t') {
      spaces += c === '\t' ? 4 : 1
      i++
    } else if (c === '>') {
      d++
      i++
    } else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      d++
      i += 2
    } else {
      let j = i
      while (j < line.length && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++
      if (j > i && (line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === '\t')) {
        d++
        i = j + 2
      } else return d + (spaces >> 1)
    }
  }
}

const ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/

/**
 * The first block of `src` that must not be lexed: [start, end), or null. Linear in `src`.
 * Density is measured per inline run (what marked lexes as one inline text): a paragraph, or one
 * list item with its continuation lines; table rows are lexed per cell and not counted.
 */
export function hostileBlock(src: string): [number, number] | null {
  let fence = ''
  let start = -1
  let deepest = 0
  let dense = false
  let run = -1
  let delims = 0
  let pos = 0
  const closeRun = (end: number) => {
    if (run >= 0 && end - run > DENSE.length && delims > (end - run) * DENSE.ratio) dense = true
    run = -1
  }
  const bad = (end: number) => {
    closeRun(end)
    return deepest > MAX_NESTING || dense
  }
  while (pos <= src.length) {
    let nl = src.indexOf('\n', pos)
    if (nl < 0) nl = src.length
    const line = src.slice(pos, nl)
    if (fence) {
      if (line.trimStart().startsWith(fence)) fence = ''
    } else if (!line.trim()) {
      if (start >= 0 && bad(pos)) return [start, pos]
      start = -1
    } else {
      const f = FENCE.exec(line)
      if (f) {
        if (start >= 0 && bad(pos)) return [start, pos]
        start = -1
        fence = f[1]!
      } else {
        if (start < 0) {
          start = pos
          deepest = 0
          dense = false
        }
        deepest = Math.max(deepest, depth(line))
        const row = line.includes('|')
        if (row || ITEM.test(line)) closeRun(pos)
        if (!row) {
          if (run < 0) {
            run = pos
            delims = 0
          }
          for (let i = 0; i < line.length; i++) if (DELIMS.has(line[i]!)) delims++
        }
      }
    }
    pos = nl + 1
  }
  return start >= 0 && bad(src.length) ? [start, src.length] : null
}

/** `lex`, except hostile blocks become `unformatted` tokens (their raw text, not lexed). */
export function guardLex(lex: Lex): Lex {
  return (src, links) => {
    let hit = hostileBlock(src)
    if (!hit) return lex(src, links)
    const tokens = [] as unknown as ReturnType<Lex>
    let seen = { ...links }
    let rest = src
    while (hit) {
      const [a, b] = hit
      if (a > 0) {
        const before = lex(rest.slice(0, a), seen)
        tokens.push(...before)
        seen = { ...seen, ...before.links }
      }
      const plain: UnformattedToken = { type: 'unformatted', raw: rest.slice(a, b), text: rest.slice(a, b) }
      tokens.push(plain as unknown as Token)
      rest = rest.slice(b)
      hit = rest ? hostileBlock(rest) : null
    }
    if (rest) {
      const after = lex(rest, seen)
      tokens.push(...after)
      seen = { ...seen, ...after.links }
    }
    tokens.links = seen
    return tokens
  }
}
