// @vitest-environment happy-dom
/** `messagePresentation.collapseProcess`: which blocks fold into the process disclosure, and how it opens. */
import { h, render, type VNode } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { applyOptions } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import type { Message, Part } from '../thread/model/types.js'
import { groupParts } from './groups.js'
import { ProcessView } from './Process.js'
import { splitProcess } from './process.js'

const text = (t: string): Part => ({ type: 'text', text: t })
const thought: Part = { type: 'reasoning', text: 'hmm' }
const tool = (id: string, output: unknown = 'ok'): Part => ({ type: 'component', id, data: { category: 'Tool', type: 'lookup', status: 'success', output } })
const widget: Part = { type: 'component', id: 'w', data: { category: 'Dashboard', type: 'Widget', widget: { type: 'Card', children: [] } } }
const interrupt = { type: 'interrupt', value: {} } as unknown as Part
const split = (parts: Part[], streaming = false) => splitProcess(groupParts(parts), streaming)

describe('splitProcess', () => {
  it('folds reasoning, tool steps and earlier text; the final text is the answer', () => {
    // blocks: [reasoning, text, tools(2), text]
    expect(split([thought, text('let me look'), tool('a'), tool('b'), text('the answer')])).toEqual({ process: [0, 1, 2], kept: [], answer: [3] })
  })

  it('a text-only reply, or one with nothing before its text, has no disclosure', () => {
    expect(split([text('just text')])).toBeNull()
    expect(split([widget, text('answer')])).toBeNull()
  })

  it('keeps widgets, interrupts and MCP Apps visible (never folded), in order after the disclosure', () => {
    const app = tool('app', { ui: { uri: 'ui://x/app', mimeType: 'text/html;profile=mcp-app', text: '<p>app</p>' } })
    expect(split([thought, widget, tool('a'), interrupt, text('done')])).toEqual({ process: [0, 2], kept: [1, 3], answer: [4] })
    const s = split([thought, app, text('done')])
    expect(s?.kept).toEqual([1])
  })

  it('a finished reply whose last thing is not text is shown in full; while streaming the disclosure stays', () => {
    expect(split([thought, text('x'), tool('a')])).toBeNull()
    expect(split([thought, text('x'), tool('a')], true)).toEqual({ process: [0, 1, 2], kept: [], answer: [] })
  })
})

describe('ProcessView', () => {
  let root: HTMLElement
  afterEach(() => act(() => render(null, root)))
  const show = (m: Message) => {
    const blocks = groupParts(m.parts)
    const nodes = blocks.map((b, i) => h('p', { key: i, 'data-block': i }, b.kind) as VNode)
    root = document.createElement('div')
    act(() => render(h(ProcessView, { blocks, nodes, message: m }), root))
    return root
  }
  const answer = (status: Message['status'], durationMs?: number): Message => ({
    id: 'm1',
    role: 'assistant',
    status,
    parts: [thought, tool('a'), text('final')],
    ...(durationMs !== undefined ? { durationMs } : {}),
  })

  it('closed once done, with the duration; the answer stays visible; the toggle opens it (aria-expanded)', () => {
    act(() => applyOptions(validateOptions({ options: { api: { apiUrl: 'http://127.0.0.1:1/api' } }, callbacks: [] })))
    const el = show(answer('done', 4200))
    const button = el.querySelector('button.ck-process-toggle') as HTMLButtonElement
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.textContent).toMatch(/^Took 4\.2/)
    expect(el.querySelector('.ck-process-body')).toBeNull()
    expect([...el.querySelectorAll('[data-block]')].map((p) => p.getAttribute('data-block'))).toEqual(['2'])
    act(() => button.click())
    expect(button.getAttribute('aria-expanded')).toBe('true')
    const body = el.querySelector('.ck-process-body')
    expect(body?.id).toBe(button.getAttribute('aria-controls'))
    expect([...body!.querySelectorAll('[data-block]')].map((p) => p.getAttribute('data-block'))).toEqual(['0', '1'])
  })

  it('open while streaming and after an error or a stop', () => {
    for (const status of ['streaming', 'error', 'cancelled'] as const) {
      const el = show(answer(status))
      expect(el.querySelector('button.ck-process-toggle')?.getAttribute('aria-expanded'), status).toBe('true')
      expect(el.querySelector('button.ck-process-toggle')?.textContent, status).toBe('Process')
    }
  })
})
