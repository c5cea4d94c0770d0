import { describe, expect, it } from 'vitest'
import { hljsTree } from './tree.js'
import { highlightTree } from './languages.js'

describe('hljsTree', () => {
  it('turns highlight.js spans and entities into a tree', () => {
    expect(hljsTree('<span class="hljs-keyword">const</span> a = <span class="hljs-string">&quot;&lt;b&gt; &amp; &#x27;x&#x27;&quot;</span>')).toEqual([
      { c: 'hljs-keyword', k: ['const'] },
      ' a = ',
      { c: 'hljs-string', k: [`"<b> & 'x'"`] },
    ])
  })

  it('nests spans', () => {
    expect(hljsTree('<span class="hljs-title function_">f<span class="hljs-params">(x)</span></span>')).toEqual([
      { c: 'hljs-title function_', k: ['f', { c: 'hljs-params', k: ['(x)'] }] },
    ])
  })

  it('refuses output that is not spans and escaped text', () => {
    expect(hljsTree('<img src=x onerror=alert(1)>')).toBeNull()
    expect(hljsTree('<span class="a" onclick="x">t</span>')).toBeNull()
    expect(hljsTree('<span class="a">t')).toBeNull()
    expect(hljsTree('t</span>')).toBeNull()
    expect(hljsTree('a > b')).toBeNull()
  })

  it('keeps hostile code as text through the real highlighter', () => {
    const code = '<script>alert(1)</script> "</span><img src=x onerror=alert(2)>" &amp;'
    const flat = (nodes: ReturnType<typeof hljsTree>): string => (nodes ?? []).map((n) => (typeof n === 'string' ? n : flat(n.k))).join('')
    for (const lang of ['xml', 'javascript', 'markdown', 'bash']) expect(flat(highlightTree(code, lang))).toBe(code)
    expect(highlightTree(code, 'no-such-language')).toBeNull()
  })
})
