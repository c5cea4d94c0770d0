import { describe, expect, it } from 'vitest'
import { groupParts } from '../message/groups.js'
import { applyContent } from '../thread/model/content.js'

describe('answer images', () => {
  it('keep their alt text from image_url content', () => {
    expect(applyContent([], { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', alt: 'A square' } })).toEqual([
      { type: 'image', url: 'data:image/png;base64,AA', alt: 'A square' },
    ])
    expect(applyContent([], { type: 'image_url', image_url: { url: 'u', alt: 5 } })).toEqual([{ type: 'image', url: 'u' }])
  })
  it('that arrive one after another form one gallery block; text between starts another', () => {
    const img = (url: string) => ({ type: 'image' as const, url })
    const blocks = groupParts([img('a'), img('b'), { type: 'text', text: 'x' }, img('c')])
    expect(blocks.map((b) => [b.kind, b.index, b.kind === 'images' ? b.parts.map((p) => p.url) : null])).toEqual([
      ['images', 0, ['a', 'b']],
      ['part', 2, null],
      ['images', 3, ['c']],
    ])
  })
})
