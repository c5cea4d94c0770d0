// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { h, render } from 'preact'
import { Markdown } from './MarkdownView.js'

let root: HTMLElement

function md(text: string): HTMLElement {
  root = document.createElement('div')
  document.body.append(root)
  render(h(Markdown, { text }), root)
  return root
}

afterEach(() => {
  render(null, root)
  root.remove()
})

/** Every attribute on every element, to prove no handler or style attribute can be produced. */
function attributes(el: Element): string[] {
  return [...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.tagName.toLowerCase()}[${a.name}]`))
}

describe('markdown rendering', () => {
  it('renders the supported blocks and inlines', () => {
    const el = md(
      '# Title\n\nSome **bold**, *em*, ~~del~~ and `code`.  \nNew line.\n\n- a\n- [x] done\n\n3. three\n4. four\n\n' +
        '```js title\nlet a = 1 < 2\n```\n\n> quote\n\n---\n\n| h | r |\n|---|--:|\n| 1 | 2 |',
    )
    expect(el.querySelector('h1')?.textContent).toBe('Title')
    expect(el.querySelector('strong')?.textContent).toBe('bold')
    expect(el.querySelector('em')?.textContent).toBe('em')
    expect(el.querySelector('del')?.textContent).toBe('del')
    expect(el.querySelector('p code')?.textContent).toBe('code')
    expect(el.querySelector('br')).not.toBeNull()
    expect(el.querySelectorAll('ul li')).toHaveLength(2)
    expect(el.querySelector<HTMLInputElement>('li input[type=checkbox]')?.checked).toBe(true)
    expect(el.querySelector('ol')?.getAttribute('start')).toBe('3')
    expect(el.querySelector('pre code')?.className).toBe('language-js')
    expect(el.querySelector('pre code')?.textContent).toBe('let a = 1 < 2')
    expect(el.querySelector('blockquote')?.textContent).toBe('quote')
    expect(el.querySelector('hr')).not.toBeNull()
    expect(el.querySelector('th')?.textContent).toBe('h')
    expect(el.querySelectorAll('td')[1].getAttribute('style')).toMatch(/text-align: ?right/)
  })

  it('shows raw HTML and scripts as text, never as elements', () => {
    const el = md('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(2)"> <b onclick="x()">b</b>\n\n<div style="position:fixed">x</div>')
    expect(el.querySelector('script, img, b, .ck-md div:not(.ck-md-chunk), [onerror], [onclick]')).toBeNull()
    expect(el.textContent).toContain('<script>alert(1)</script>')
    expect(el.textContent).toContain('<img src=x onerror="alert(2)">')
    expect(attributes(el).filter((a) => /\[on|\[style\]/.test(a))).toEqual([])
  })

  it('links only http(s) and mailto, opening in a new tab without opener', () => {
    const el = md(
      '[ok](https://example.com/a) [mail](mailto:a@b.co) [js](javascript:alert(1)) [js2](JaVaScRiPt:alert(1)) ' +
        '[tab](java\tscript:alert(1)) [ent](&#106;avascript:alert(1)) [data](data:text/html,<script>x</script>) [vb](vbscript:x) [rel](/relative) <javascript:alert(1)>',
    )
    const links = [...el.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a', 'mailto:a@b.co'])
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank')
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
    }
    expect(el.textContent).toContain('js2')
    expect(el.innerHTML).not.toMatch(/href="(javascript|vbscript|data|java)/i)
  })

  it('drops images with a bad scheme, keeps raster data images, and never loads another origin by itself', () => {
    const el = md(
      '![a](https://example.com/a.png) ![b](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zz4=) ' +
        '![js](javascript:alert(1)) ![html](data:text/html;base64,PHNjcmlwdD4=) ![f](file:///etc/passwd)',
    )
    const srcs = [...el.querySelectorAll('img')].map((i) => i.getAttribute('src'))
    expect(srcs).toEqual(['data:image/png;base64,iVBORw0KGgo='])
    // No --image-origins on this page: the https image is a link for the user (image-policy.test.ts).
    expect(el.querySelector('a.ck-image-ask')?.getAttribute('href')).toBe('https://example.com/a.png')
  })

  it('makes event-handler attributes impossible: only known attributes appear', () => {
    const el = md('[x](https://a.co "t\\" onmouseover=\\"alert(1)") ![y" onerror="z](https://a.co/i.png)\n\n```js" onclick="x\ncode\n```')
    const allowed =
      /^(a\[(href|title|target|rel|class)\]|img\[(src|alt|title|loading|decoding|referrerpolicy)\]|pre\[(data-language|class|dir|tabindex|role|aria-label)\]|code\[(class|dir)\]|p\[dir\]|li\[dir\]|h[1-6]\[dir\]|t[hd]\[dir\]|div\[class\]|span\[class\]|button\[(type|class)\])$/
    expect(attributes(el).filter((a) => !allowed.test(a))).toEqual([])
    expect(el.querySelector('code')?.className).toBe('language-js')
  })

  it('a code block and a table scroll as named tab stops (groups, not landmarks)', () => {
    const el = md('```ts\nconst a = 1\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |')
    const stops = [...el.querySelectorAll('[tabindex="0"]')].map(
      (n) => `${n.localName}.${n.className} ${n.getAttribute('role')} ${n.getAttribute('aria-label')}`,
    )
    expect(stops).toEqual(['pre.ck-md-code group Code', 'div.ck-md-table group Table'])
  })

  it('decodes character references for display only', () => {
    const el = md('a &amp; b &lt;i&gt; &#65; `&amp;`')
    expect(el.textContent).toBe('a & b <i> A &amp;')
    expect(el.querySelector('i')).toBeNull()
  })
})
