// @vitest-environment happy-dom
/** Right-to-left UIs: code stays left to right, and each text block takes its own direction. */
import { h, render } from 'preact'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from './MarkdownView.js'

let root: HTMLElement
afterEach(() => {
  render(null, root)
  root.remove()
  document.documentElement.dir = ''
})

describe('bidirectional text in answers', () => {
  it('in an rtl document, code blocks and inline code are dir=ltr; paragraphs, headings, items and cells are dir=auto', () => {
    document.documentElement.dir = 'rtl'
    root = document.createElement('div')
    document.body.append(root)
    render(
      h(Markdown, {
        text: '# عنوان\n\nاكتب `const question = "widget please"` هنا\n\n- عنصر\n\n| a |\n|---|\n| ب |\n\n```js\nconst question = "widget please"\n```',
      }),
      root,
    )
    expect(root.querySelector('p code')?.getAttribute('dir')).toBe('ltr')
    expect(root.querySelector('p code')?.textContent).toBe('const question = "widget please"')
    expect(root.querySelector('pre.ck-md-code')?.getAttribute('dir')).toBe('ltr')
    for (const sel of ['h1', 'p', 'li', 'th', 'td']) expect(root.querySelector(sel)?.getAttribute('dir'), sel).toBe('auto')
  })
})
