// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { h, render } from 'preact'
import type { Token } from 'marked'
import { DENSE, MAX_NESTING, hostileBlock } from './guard.js'
import { createIncrementalMarkdown, lexMarkdown } from './incremental.js'
import { Markdown } from './MarkdownView.js'

const types = (tokens: readonly Token[]) => tokens.map((t) => t.type).filter((t) => t !== 'space')
const raws = (tokens: readonly Token[]) => tokens.map((t) => t.raw).join('')

let root: HTMLElement | null = null
afterEach(() => {
  if (root) render(null, root)
  root?.remove()
  root = null
})

describe('markdown guard', () => {
  it('lets ordinary markdown through untouched', () => {
    const doc = [
      '# Title',
      '',
      'Some **bold** and *em* and `code` and [a link](https://e.com).',
      '',
      '- **Name**: value',
      '  - nested **item**',
      '    1. deeper',
      '',
      '> quote',
      '> > inner',
      '',
      '```py',
      ' '.repeat(80) + 'deeply_indented = "inside a fence"',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n')
    expect(hostileBlock(doc)).toBeNull()
    expect(types(lexMarkdown(doc, {}))).not.toContain('unformatted')
  })

  it('long tables and lists rich in bold and code are not dense: each cell or item is lexed alone', () => {
    const table = '| a | b | c |\n|---|---|---|\n' + '| 1 | **2** | `3` |\n'.repeat(1000)
    const list = '- **Name**: `value` and *more*\n'.repeat(1000)
    expect(hostileBlock(table)).toBeNull()
    expect(hostileBlock(list)).toBeNull()
    expect(types(lexMarkdown(table, {}))).toEqual(['table'])
  })

  it.each([
    ['100,000 quote markers', '>'.repeat(100_000) + ' bottom'],
    ['50,000 list markers', '- '.repeat(50_000) + 'x'],
    ['quote lines deeper than the limit', Array.from({ length: 50 }, (_, i) => '>'.repeat(i) + ' q').join('\n')],
    ['indented lists deeper than the limit', Array.from({ length: 40 }, (_, i) => '  '.repeat(i) + '- item').join('\n')],
    ['a long run of unmatched underscores', '_a__a'.repeat(10_000)],
    ['a long run of unmatched stars', '*a**a'.repeat(10_000)],
    ['a long paragraph of unmatched underscores over many lines', '_a__a_a__a\n'.repeat(1000).trim()],
    ['one list item of unmatched stars', '- ' + '*a**a'.repeat(3000)],
  ])('%s: that block only becomes plain text, what is around it is still markdown', (_, bad) => {
    const doc = `before **bold**\n\n${bad}\n\nafter *em*`
    const tokens = lexMarkdown(doc, {})
    expect(types(tokens)).toEqual(['paragraph', 'unformatted', 'paragraph'])
    expect(tokens.find((t) => t.type === 'unformatted')!.raw).toBe(bad + '\n')
    expect(raws(tokens)).toBe(doc)
  })

  it('limits: nesting up to MAX_NESTING and short dense blocks are still lexed', () => {
    expect(hostileBlock('>'.repeat(MAX_NESTING) + ' ok')).toBeNull()
    expect(hostileBlock('>'.repeat(MAX_NESTING + 1) + ' too deep')).toEqual([0, MAX_NESTING + 10])
    expect(hostileBlock('_a'.repeat(DENSE.length / 2 - 10))).toBeNull()
  })

  it('streams through the guard with consistent offsets, and renders the note and the text', () => {
    const doc = `intro\n\n${'>'.repeat(30_000)} deep\n\nmiddle **bold**\n\n${'- '.repeat(20_000)}x\n\nthe end`
    const md = createIncrementalMarkdown()
    for (let i = 1000; i < doc.length; i += 7919) md.update(doc.slice(0, i))
    const s = md.update(doc)
    expect(raws([...s.settled, ...s.tail])).toBe(doc)
    expect(types([...s.settled, ...s.tail])).toEqual(['paragraph', 'unformatted', 'paragraph', 'unformatted', 'paragraph'])
    root = document.createElement('div')
    document.body.append(root)
    render(h(Markdown, { text: doc }), root)
    const blocks = root.querySelectorAll('.ck-md-unformatted')
    expect(blocks).toHaveLength(2)
    expect(blocks[0].querySelector('[role=note]')?.textContent).toBe('Shown as plain text: too deeply nested or too dense to format.')
    expect(blocks[0].querySelector('pre')?.textContent?.trim()).toBe(`${'>'.repeat(30_000)} deep`)
    expect(root.querySelector('strong')?.textContent).toBe('bold')
  })
})
