import { describe, expect, it } from 'vitest'
import { createIncrementalMarkdown, lexMarkdown, type Lex } from './incremental.js'

const DOC = [
  '# Quarterly report',
  '',
  'Revenue was **up 12%** compared to [last year](https://example.com/q1 "Q1").',
  '',
  '- first item',
  '- second item with `code`',
  '',
  '- [x] loose after blank line',
  '',
  '1. one',
  '2. two',
  '',
  '```ts',
  'const x = 1',
  '',
  'console.log(x)',
  '```',
  '',
  '| a | b |',
  '|---|--:|',
  '| 1 | 2 |',
  '',
  '> a quote',
  '> continues',
  '',
  'Setext heading',
  '==============',
  '',
  'Last paragraph\r\nwith a CRLF and a hard  ',
  'break.',
].join('\n')

/** Structural view of tokens (marked also stores derived fields; this keeps the comparison readable). */
const shape = (tokens: readonly unknown[]) => JSON.parse(JSON.stringify(tokens))

function counting(): { lex: Lex; calls: { length: number }[] } {
  const calls: { length: number }[] = []
  return {
    calls,
    lex: (src, links) => {
      calls.push({ length: src.length })
      return lexMarkdown(src, links)
    },
  }
}

describe('incremental markdown', () => {
  it('matches a full lex at every prefix of a streamed document', () => {
    const md = createIncrementalMarkdown()
    for (let i = 1; i <= DOC.length; i++) {
      const { settled, tail } = md.update(DOC.slice(0, i))
      const full = lexMarkdown(DOC.slice(0, i).replace(/\r\n?/g, '\n'), {})
      expect(shape([...settled, ...tail]), `prefix ${i}`).toEqual(shape(full))
    }
  })

  it('keeps settled blocks as the same objects and never re-lexes them', () => {
    const { lex, calls } = counting()
    const md = createIncrementalMarkdown(lex)
    const a = md.update('para one\n\npara two\n\npara thr')
    expect(a.settled.map((t) => t.type)).toEqual(['paragraph', 'space', 'paragraph', 'space'])
    const b = md.update('para one\n\npara two\n\npara three is longer')
    expect(b.settled[0]).toBe(a.settled[0])
    expect(b.settled[2]).toBe(a.settled[2])
    // The second update lexed only the last block.
    expect(calls.map((c) => c.length)).toEqual([28, 'para three is longer'.length])
    // Same text again: no lexing at all.
    expect(md.update('para one\n\npara two\n\npara three is longer')).toBe(b)
    expect(calls).toHaveLength(2)
  })

  it('costs time linear in the length of a streamed answer', () => {
    const { lex, calls } = counting()
    const md = createIncrementalMarkdown(lex)
    const blocks = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `- item ${i} with some words\n- another` : `Paragraph ${i} with a few words of text in it.`,
    )
    const text = blocks.join('\n\n')
    for (let i = 8; i < text.length + 8; i += 8) md.update(text.slice(0, i))
    const lexed = calls.reduce((n, c) => n + c.length, 0)
    const updates = calls.length
    // Re-lexing from the start every time would cost about updates × length / 2 characters.
    expect(lexed).toBeLessThan(text.length * 15)
    expect(lexed).toBeLessThan((updates * text.length) / 50)
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThan(200)
  })

  it('starts over when the text is replaced rather than appended to', () => {
    const md = createIncrementalMarkdown()
    md.update('old one\n\nold two')
    const s = md.update('new\n\ntext')
    expect(shape([...s.settled, ...s.tail])).toEqual(shape(lexMarkdown('new\n\ntext', {})))
  })

  it('resolves a reference used before its definition once the definition settles', () => {
    const doc = 'See [the ref][r].\n\nMore text.\n\n[r]: https://example.com/ref\n\nEnd.'
    const md = createIncrementalMarkdown()
    let s = md.update('')
    for (let i = 1; i <= doc.length; i++) s = md.update(doc.slice(0, i))
    expect(shape([...s.settled, ...s.tail])).toEqual(shape(lexMarkdown(doc, {})))
  })

  it('resolves reference links defined in settled blocks', () => {
    const md = createIncrementalMarkdown()
    md.update('[r]: https://example.com/x\n\nsee [it][r]')
    const s = md.update('[r]: https://example.com/x\n\nsee [it][r] now')
    const para = s.tail.find((t) => t.type === 'paragraph') as { tokens: { type: string; href?: string }[] }
    expect(para.tokens[1]).toMatchObject({ type: 'link', href: 'https://example.com/x' })
  })
})
