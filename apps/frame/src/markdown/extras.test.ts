// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { Markdown, renderStats } from './MarkdownView.js'
import { lexMarkdown } from './incremental.js'

/** IntersectionObserver under the test's control: `show()` puts every observed element on screen. */
const observed = new Set<{ el: Element; cb: IntersectionObserverCallback; io: IntersectionObserver }>()
class FakeIntersectionObserver {
  constructor(private readonly cb: IntersectionObserverCallback) {}
  observe(el: Element) {
    observed.add({ el, cb: this.cb, io: this as unknown as IntersectionObserver })
  }
  unobserve(el: Element) {
    for (const o of observed) if (o.el === el) observed.delete(o)
  }
  disconnect() {}
}
vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
function show() {
  for (const o of [...observed]) o.cb([{ target: o.el, isIntersecting: true } as unknown as IntersectionObserverEntry], o.io)
}

let root: HTMLElement
function mount(text: string, streaming = false) {
  root ??= document.createElement('div')
  document.body.append(root)
  act(() => render(h(Markdown, { text, streaming }), root))
  return root
}
afterEach(() => {
  if (!root) return
  act(() => render(null, root))
  root.remove()
})

describe('math syntax', () => {
  const kinds = (src: string) => JSON.stringify(lexMarkdown(src, {}), (k, v) => (k === 'raw' ? undefined : v))
  it('lexes $…$, \\(…\\) inline and $$…$$, \\[…\\] blocks', () => {
    expect(kinds('a $x^2$ b \\(y\\) c')).toMatch(/"type":"math","text":"x\^2","display":false.*"type":"math","text":"y"/)
    expect(kinds('$$\n\\int_0^1 x\\,dx\n$$\n')).toMatch(/"type":"math","text":"\\\\int_0\^1 x\\\\,dx","display":true/)
    expect(kinds('\\[a+b\\]')).toMatch(/"type":"math","text":"a\+b","display":true/)
  })
  it('leaves prices and lone dollars alone', () => {
    expect(kinds('costs $5 and $6 today')).not.toMatch(/"math"/)
    expect(kinds('a $ b $ c')).not.toMatch(/"math"/)
  })
})

describe('lazy typesetting', () => {
  it('math renders through the KaTeX chunk; \\href and \\html… are refused', async () => {
    const el = mount('Inline $a^2+b^2$ and\n\n$$\\frac{1}{2}$$\n\nbad $\\href{javascript:alert(1)}{x}$ $\\htmlClass{x}{y}$')
    await vi.waitFor(() => expect(el.querySelectorAll('[data-math="rendered"]').length).toBe(2), { timeout: 5000 })
    expect(el.querySelectorAll('[data-math="error"]').length).toBe(2)
    expect(el.querySelector('.katex')).not.toBeNull()
    expect(el.querySelector('a, [href], [onclick]')).toBeNull()
  })

  it('a code block is plain while streaming and highlighted once settled and on screen, with a copy button', async () => {
    const src = '```ts\nconst x: number = 1 // note\n```'
    const el = mount(src, true)
    // Rendered while streaming: the code as plain text, not even waiting to be seen.
    expect(el.querySelector('pre code')?.textContent).toBe('const x: number = 1 // note')
    expect(observed.size).toBe(0)
    expect(el.querySelector('pre')?.getAttribute('data-highlighted')).toBeNull()
    mount(src, false)
    // Settled but not seen yet (scrolled past while streaming, or far up in history): it waits for
    // the observer, and only that, so it is still plain.
    await vi.waitFor(() => expect(observed.size).toBe(1))
    expect(el.querySelector('pre')?.getAttribute('data-highlighted')).toBeNull()
    act(() => show())
    expect(observed.size).toBe(0)
    await vi.waitFor(() => expect(el.querySelector('pre')?.getAttribute('data-highlighted')).toBe('true'), { timeout: 5000 })
    expect(el.querySelector('code .hljs-keyword')?.textContent).toBe('const')
    expect(el.querySelector('code')?.textContent).toBe('const x: number = 1 // note')
    expect(el.querySelector('button.ck-md-copy')).not.toBeNull()
    for (const e of el.querySelectorAll('code *')) expect([...e.attributes].map((a) => a.name)).toEqual(['class'])
  })

  it('renders GFM tables, task lists, strikethrough and autolinks', () => {
    const el = mount('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo\n- [x] done\n\n~~old~~ see https://example.com/x')
    expect(el.querySelectorAll('td')).toHaveLength(2)
    expect(el.querySelectorAll('input[type=checkbox]')).toHaveLength(2)
    expect(el.querySelector('del')?.textContent).toBe('old')
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://example.com/x')
  })
})

describe('incremental rendering', () => {
  it('settled blocks are neither re-parsed nor re-rendered while the tail streams', () => {
    const blocks = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with **bold** text and a [link](https://e.com/${i}).`)
    const full = blocks.join('\n\n')
    mount(full.slice(0, 10), true)
    let prevSettled = 0
    const rendersPerUpdate: number[] = []
    for (let i = 20; i <= full.length; i += 20) {
      const before = renderStats.blocks
      mount(full.slice(0, i), true)
      rendersPerUpdate.push(renderStats.blocks - before)
      prevSettled = Math.max(prevSettled, root.querySelectorAll('.ck-md p').length)
    }
    // Each update re-renders the tail block (plus, at most, the block that just settled and a space).
    expect(Math.max(...rendersPerUpdate)).toBeLessThanOrEqual(3)
    const total = rendersPerUpdate.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThan(rendersPerUpdate.length * 2.2)
    expect(root.querySelectorAll('.ck-md p')).toHaveLength(40)
  })
})
