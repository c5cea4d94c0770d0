import { describe, expect, it } from 'vitest'
import type { Token } from 'marked'
import { lexMarkdown } from '../markdown/incremental.js'
import { applyContent } from '../thread/model/content.js'
import type { Part } from '../thread/index.js'
import { shownSources, sourceAt } from './source-item.js'

const inline = (md: string) =>
  (lexMarkdown(md, {})[0] as Token & { tokens: (Token & { n?: number })[] }).tokens.map((t) => (t.type === 'citation' ? t.n : t.raw))

describe('citation markers', () => {
  it('[n] is a citation token; a link, a reference definition, [0] and code are not', () => {
    expect(inline('Alpha [1][2], beta [12].')).toEqual(['Alpha ', 1, 2, ', beta ', 12, '.'])
    expect(inline('see [1](https://a.example.com) and `a[1]` [0]')).toEqual(['see ', '[1](https://a.example.com)', ' and ', '`a[1]`', ' [0]'])
  })
})

describe('sources and suggestions content', () => {
  const apply = (parts: Part[], c: unknown) => applyContent(parts, c) as Part[]
  it('one part of each per message, replaced whole; text flows on past them', () => {
    let parts = apply([], { type: 'text', text: 'A [1]' })
    parts = apply(parts, { type: 'sources', sources: [{ url: 'https://a.example.com' }] })
    parts = apply(parts, { type: 'suggestions', suggestions: ['Next?'] })
    parts = apply(parts, { type: 'text', text: ' and more.' })
    parts = apply(parts, { type: 'sources', sources: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] })
    expect(parts).toEqual([
      { type: 'text', text: 'A [1] and more.' },
      { type: 'suggestions', list: ['Next?'] },
      { type: 'sources', list: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] },
    ])
    expect(applyContent([], { type: 'sources', sources: 'x' })).toBe('sources content without a list')
  })
})

describe('sourceAt', () => {
  it('only absolute http(s) URLs; title defaults to the host; numbers keep their positions', () => {
    const list = [{ url: 'javascript:alert(1)', title: 'x' }, { url: 'https://b.example.com/p', snippet: ' s ' }, 'junk']
    expect(sourceAt(list, 1)).toBeNull()
    expect(sourceAt(list, 2)).toEqual({ n: 2, title: 'b.example.com', url: 'https://b.example.com/p', host: 'b.example.com', snippet: 's' })
    expect(sourceAt(list, 4)).toBeNull()
    expect(shownSources(list).map((s) => s.n)).toEqual([2])
  })
})
