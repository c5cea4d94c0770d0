// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { preloadMarkdown } from '../markdown/Markdown.js'
import { h, render, type VNode } from 'preact'
import { act } from 'preact/test-utils'
import { applyOptions } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import type { Message } from '../thread/model/types.js'
import { MessageView } from './MessageView.js'
import { ConversationContext, inertActions, type ConversationActions } from './context.js'
import { HitlPanel } from './HitlPanel.js'
import { FORMAT_LIMIT, formatCut } from './AnswerText.js'
import { VISIBLE_STEPS } from './ToolSteps.js'

let root: HTMLElement
function mount(vnode: VNode<any>, actions: Partial<ConversationActions> = {}) {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(h(ConversationContext.Provider, { value: { ...inertActions, ...actions }, children: vnode }), root))
  return root
}
afterEach(() => {
  act(() => render(null, root))
  root.remove()
})
const setOptions = (o: Record<string, unknown>) =>
  act(() => applyOptions(validateOptions({ options: { api: { apiUrl: 'http://127.0.0.1:1/api' }, ...o }, callbacks: [] })))

/** Opens a `<details>` as a click would: `open`, then its toggle event. */
const toggle = (d: HTMLDetailsElement) =>
  act(() => {
    d.open = true
    d.dispatchEvent(new Event('toggle'))
  })

const answer = (over: Partial<Message> = {}): Message => ({
  id: 'a1',
  role: 'assistant',
  status: 'done',
  parts: [
    { type: 'reasoning', text: 'hmm', startedAt: 1000, endedAt: 4200 },
    {
      type: 'component',
      id: 's1',
      data: {
        category: 'Tool',
        type: 'web_search',
        title: 'Search',
        status: 'success',
        input: { query: 'q' },
        output: {
          results: [
            { title: 'R', url: 'https://e.com/r', snippet: 's' },
            { title: 'Bad', url: 'javascript:alert(1)' },
          ],
        },
      },
      startedAt: 1000,
      endedAt: 2500,
    },
    { type: 'component', id: 's2', data: { category: 'Tool', type: 'run_program', status: 'fail', error: 'boom' }, startedAt: 1000 },
    { type: 'text', text: 'The **answer**.', agentKey: 'writer' },
  ],
  ...over,
})

// The markdown renderer is a lazy chunk: load it once, as the frame does at boot.
beforeAll(() => preloadMarkdown())

describe('message view', () => {
  it('reasoning with its duration, grouped tool steps with views, agent label', async () => {
    setOptions({})
    const el = mount(h(MessageView, { message: answer(), agents: { writer: 'Writer' }, isLast: true, idle: true }))
    expect(el.querySelector('.ck-reasoning summary')?.textContent).toBe('Thought for 3 s')
    // Tool steps are a chunk loaded on first use.
    await vi.waitFor(() => expect(el.querySelectorAll('.ck-steps')).toHaveLength(1))
    expect(el.querySelector('.ck-steps-head')?.textContent).toBe('2 steps · 1 failed')
    expect(el.querySelector('[data-tool-id="s1"] .ck-step-time')?.textContent).toBe('1.5 s')
    // A step's body is built when it is opened.
    expect(el.querySelector('.ck-step-body')).toBeNull()
    for (const d of el.querySelectorAll('.ck-step > details')) toggle(d as HTMLDetailsElement)
    expect([...el.querySelectorAll('.ck-tool-results a')].map((a) => a.getAttribute('href'))).toEqual(['https://e.com/r'])
    expect(el.querySelector('[data-tool-id="s2"] .ck-step-error')?.textContent).toBe('boom')
    expect(el.querySelector('.ck-agent')?.textContent).toBe('Writer')
    expect(el.querySelector('strong')?.textContent).toBe('answer')
  })

  it('actions follow threadItemActions; a failed answer always offers retry', () => {
    setOptions({ threadItemActions: { feedback: true, share: true } })
    const feedback = vi.fn()
    const share = vi.fn()
    const el = mount(h(MessageView, { message: answer({ feedback: 'like' }), isLast: true, idle: true }), { feedback, share })
    const labels = [...el.querySelectorAll('.ck-actions button')].map((b) => b.getAttribute('aria-label'))
    expect(labels).toEqual(['Copy', 'Good answer', 'Bad answer', 'Share'])
    expect(el.querySelector('[aria-label="Good answer"]')?.getAttribute('aria-pressed')).toBe('true')
    act(() => (el.querySelector('[aria-label="Bad answer"]') as HTMLButtonElement).click())
    expect(feedback).toHaveBeenCalledWith('a1', 'dislike')
    act(() => (el.querySelector('[aria-label="Share"]') as HTMLButtonElement).click())
    expect(share).toHaveBeenCalled()
    act(() => render(null, root))
    const failed = mount(
      h(MessageView, { message: answer({ status: 'error', parts: [{ type: 'error', code: 'x', message: 'down' }] }), isLast: true, idle: true }),
    )
    expect([...failed.querySelectorAll('.ck-actions button')].map((b) => b.getAttribute('aria-label'))).toEqual(['Copy', 'Retry', 'Share'])
  })
})

describe('hostile sizes', () => {
  const steps = (n: number): Message['parts'] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'component' as const,
      id: `s${i}`,
      data: { category: 'Tool', type: 'lookup', title: `Step ${i}`, status: 'success', input: { i } },
    }))

  it('thousands of tool steps: the newest are shown, the rest behind "show all"; bodies and JSON only once opened', async () => {
    setOptions({})
    const el = mount(h(MessageView, { message: answer({ parts: steps(1000) }), isLast: true, idle: true }))
    const rows = () => el.querySelectorAll('.ck-step')
    expect(rows()).toHaveLength(VISIBLE_STEPS)
    expect(rows()[VISIBLE_STEPS - 1].getAttribute('data-tool-id')).toBe('s999')
    expect(el.querySelector('.ck-steps-head')?.textContent).toBe('1000 steps')
    expect(el.querySelector('.ck-step-body')).toBeNull()
    toggle(el.querySelector('.ck-step > details') as HTMLDetailsElement)
    expect(el.querySelector('.ck-json-body')).toBeNull()
    toggle(el.querySelector('.ck-json') as HTMLDetailsElement)
    expect(el.querySelector('.ck-json-body')?.textContent).toBe('{\n  "i": 980\n}')
    const more = el.querySelector('.ck-steps-more') as HTMLButtonElement
    expect(more.textContent).toBe('Show all 1000 steps')
    act(() => more.click())
    // Revealed a slice per animation frame, the button busy meanwhile (aria-disabled: it keeps focus until the steps take it).
    expect(more.getAttribute('aria-disabled')).toBe('true')
    for (let i = 0; i < 100 && el.querySelector('.ck-steps-more'); i++) await act(() => new Promise((r) => setTimeout(r, 20)))
    expect(rows()).toHaveLength(1000)
    expect(rows()[0].getAttribute('data-tool-id')).toBe('s0')
    expect(el.querySelector('.ck-steps-more')).toBeNull()
  })

  it('a short group shows every step, with no button', () => {
    setOptions({})
    const el = mount(h(MessageView, { message: answer({ parts: steps(VISIBLE_STEPS) }), isLast: true, idle: true }))
    expect(el.querySelectorAll('.ck-step')).toHaveLength(VISIBLE_STEPS)
    expect(el.querySelector('.ck-steps-more')).toBeNull()
  })

  it('a giant answer: markdown up to the limit, the rest as plain text behind a button (disabled while streaming)', () => {
    setOptions({})
    const para = 'word '.repeat(19) + 'end.\n\n'
    const text = para.repeat(Math.ceil((FORMAT_LIMIT + 300_000) / para.length)) + 'LAST-LINE'
    const cut = formatCut(text)
    expect(cut).toBeLessThanOrEqual(FORMAT_LIMIT)
    expect(text.slice(cut - 4, cut)).toBe('end.')
    const el = mount(h(MessageView, { message: answer({ status: 'streaming', parts: [{ type: 'text', text }] }), isLast: true, idle: false }))
    const button = el.querySelector('.ck-long-more') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    expect(el.querySelectorAll('.ck-md p').length).toBeLessThan(FORMAT_LIMIT / para.length + 10)
    expect(el.textContent).not.toContain('LAST-LINE')
    act(() =>
      render(
        h(ConversationContext.Provider, {
          value: inertActions,
          children: h(MessageView, { message: answer({ parts: [{ type: 'text', text }] }), isLast: true, idle: true }),
        }),
        root,
      ),
    )
    const done = el.querySelector('.ck-long-more') as HTMLButtonElement
    expect(done.disabled).toBe(false)
    expect(done.textContent).toMatch(/^Show the rest of the answer as plain text \(\d+ KB\)$/)
    act(() => done.click())
    expect(el.querySelector('.ck-long-rest')?.textContent).toBe(text.slice(cut))
    expect(el.querySelectorAll('.ck-long-rest > pre').length).toBe(Math.ceil((text.length - cut) / 50_000))
    expect(formatCut('short')).toBe(5)
  })
})

describe('HITL panel', () => {
  const request = {
    actionRequests: [
      { name: 'send_email', args: { to: 'a@b.co' } },
      { name: 'delete', args: {} },
    ],
    reviewConfigs: [
      { actionName: 'send_email', allowedDecisions: ['approve', 'edit'] as const },
      { actionName: 'delete', allowedDecisions: ['reject', 'respond'] as const },
    ],
  }
  it('offers only the allowed decisions, validates edited JSON, and decides once every action has a decision', () => {
    const onDecide = vi.fn()
    const el = mount(h(HitlPanel, { request: request as never, disabled: false, onDecide }))
    const rows = el.querySelectorAll('.ck-hitl-action')
    expect([...rows[0].querySelectorAll('.ck-hitl-buttons button')].map((b) => b.textContent)).toEqual(['Approve', 'Edit'])
    expect([...rows[1].querySelectorAll('.ck-hitl-buttons button')].map((b) => b.textContent)).toEqual(['Reject', 'Respond'])
    act(() => (rows[0].querySelectorAll('button')[1] as HTMLButtonElement).click())
    const ta = rows[0].querySelector('textarea')!
    act(() => {
      ta.value = '[1, 2]'
      ta.dispatchEvent(new Event('input', { bubbles: true }))
    })
    act(() => (rows[0].querySelector('.ck-hitl-form button') as HTMLButtonElement).click())
    expect(rows[0].querySelector('[role=alert]')?.textContent).toBe('The arguments must be a JSON object')
    act(() => {
      ta.value = '{"to": "c@d.co"}'
      ta.dispatchEvent(new Event('input', { bubbles: true }))
    })
    act(() => (rows[0].querySelector('.ck-hitl-form button') as HTMLButtonElement).click())
    expect(onDecide).not.toHaveBeenCalled()
    act(() => (rows[1].querySelectorAll('button')[1] as HTMLButtonElement).click())
    act(() => (rows[1].querySelector('.ck-hitl-form button') as HTMLButtonElement).click())
    expect(rows[1].querySelector('[role=alert]')?.textContent).toBe('Write a response first')
    const input = rows[1].querySelector('.ck-hitl-form input') as HTMLInputElement
    act(() => {
      input.value = 'use the archive instead'
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    act(() => (rows[1].querySelector('.ck-hitl-form button') as HTMLButtonElement).click())
    expect(onDecide).toHaveBeenCalledWith(
      [
        { type: 'edit', editedAction: { name: 'send_email', args: { to: 'c@d.co' } } },
        { type: 'respond', message: 'use the archive instead' },
      ],
      'edit, respond',
    )
  })
})
