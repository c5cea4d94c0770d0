// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import type { WidgetComponentData } from '@xpert-ai/chatkit-protocol'
import { WidgetItem } from './Widget.js'
import { widgetProblem, LIMITS } from './validate.js'
import { color, length, space } from './style.js'

let root: HTMLElement
function mount(widget: unknown, onAction = vi.fn(async () => {})) {
  root = document.createElement('div')
  document.body.append(root)
  const data = { category: 'Dashboard', type: 'Widget', widget } as WidgetComponentData
  act(() => render(h(WidgetItem, { id: 'w1', data, onAction }), root))
  return { el: root, onAction }
}
afterEach(() => {
  act(() => render(null, root))
  root.remove()
})

const FORM = {
  type: 'Card',
  children: [
    { type: 'Title', value: 'Subscribe' },
    { type: 'Text', value: 'Get news' },
    {
      type: 'Form',
      onSubmitAction: { type: 'demo.subscribe', payload: { source: 'card' } },
      children: [
        { type: 'Input', name: 'email', inputType: 'email' },
        {
          type: 'Select',
          name: 'plan',
          options: [
            { value: 'free', label: 'Free' },
            { value: 'pro', label: 'Pro' },
          ],
          defaultValue: 'free',
        },
        { type: 'Checkbox', name: 'agree', label: 'I agree' },
        {
          type: 'RadioGroup',
          name: 'freq',
          options: [
            { value: 'daily', label: 'Daily' },
            { value: 'weekly', label: 'Weekly' },
          ],
        },
        { type: 'DatePicker', name: 'start' },
        { type: 'Textarea', name: 'note' },
        {
          type: 'Row',
          children: [
            { type: 'Button', label: 'Go', submit: true },
            { type: 'Button', label: 'Cancel', onClickAction: { type: 'demo.cancel' } },
          ],
        },
      ],
    },
  ],
}

describe('widgets', () => {
  it('renders every node kind of a form and gathers named fields into the action payload', async () => {
    const { el, onAction } = mount(FORM)
    expect(el.querySelector('h3')?.textContent).toBe('Subscribe')
    ;(el.querySelector('input[name=email]') as HTMLInputElement).value = 'a@b.co'
    ;(el.querySelector('select[name=plan]') as HTMLSelectElement).value = 'pro'
    ;(el.querySelector('input[name=agree]') as HTMLInputElement).checked = true
    ;(el.querySelector('input[name=freq][value=weekly]') as HTMLInputElement).checked = true
    await act(async () => {
      el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    })
    expect(onAction).toHaveBeenCalledWith(
      { type: 'demo.subscribe', payload: { source: 'card', email: 'a@b.co', plan: 'pro', agree: true, freq: 'weekly', start: '', note: '' } },
      { id: 'w1', widget: FORM },
    )
  })

  it('a plain button sends its own action without form fields; buttons are busy until the handler settles', async () => {
    let release!: () => void
    const { el, onAction } = mount(
      FORM,
      vi.fn(() => new Promise<void>((r) => (release = r))),
    )
    const cancel = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!
    await act(async () => cancel.click())
    expect(onAction).toHaveBeenCalledWith({ type: 'demo.cancel', payload: {} }, expect.anything())
    expect(cancel.getAttribute('aria-busy')).toBe('true')
    expect([...el.querySelectorAll('button')].every((b) => b.disabled)).toBe(true)
    await act(async () => release())
    await vi.waitFor(() => expect(cancel.getAttribute('aria-busy')).toBeNull())
  })

  it('a failing action is shown under the widget', async () => {
    const { el } = mount(
      FORM,
      vi.fn(async () => Promise.reject(new Error('host said no'))),
    )
    await act(async () => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click())
    await vi.waitFor(() => expect(el.querySelector('[role=alert]')?.textContent).toContain('host said no'))
  })

  it('invalid trees become an inline error box', () => {
    for (const bad of [null, 'x', { type: 'Script' }, { type: 'Card', children: [{ type: 'iframe' }] }, { type: 'Card', children: [7] }]) {
      const { el } = mount(bad)
      expect(el.querySelector('.ck-widget-error')).not.toBeNull()
      act(() => render(null, root))
      root.remove()
    }
    let deep: any = { type: 'Text', value: 'x' }
    for (let i = 0; i < LIMITS.depth + 2; i++) deep = { type: 'Box', children: [deep] }
    expect(widgetProblem({ type: 'Card', children: [deep] })).toMatch(/deeper/)
    expect(widgetProblem({ type: 'ListView', children: Array.from({ length: LIMITS.nodes + 1 }, () => ({ type: 'Text', value: '' })) })).toMatch(/more than/)
  })

  it('hostile fields stay text; URLs and styles pass allowlists only', () => {
    const { el } = mount({
      type: 'Card',
      background: 'url(https://evil.example/x.png)',
      children: [
        { type: 'Text', value: '<img src=x onerror=alert(1)>' },
        { type: 'Markdown', value: '[x](javascript:alert(1)) <script>alert(1)</script>' },
        { type: 'Image', src: 'javascript:alert(1)', alt: 'a' },
        { type: 'Image', src: 'data:image/svg+xml;base64,PHN2Zz4=' },
        { type: 'Box', background: 'red;position:fixed', padding: 'calc(100vh)', width: 'expression(alert(1))', children: [] },
        { type: 'Badge', label: 'b', color: 'x" onclick="alert(1)' },
      ],
    })
    expect(el.querySelector('img, script, a[href^="javascript"], [onerror], [onclick]')).toBeNull()
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(el.innerHTML).not.toMatch(/url\(|expression|position: ?fixed/)
    expect([space('calc(1px)'), length('10px;x'), color('url(x)', 'light'), color('#fff', 'light'), color({ light: 'red', dark: 'blue' }, 'dark')]).toEqual([
      undefined,
      undefined,
      undefined,
      '#fff',
      'var(--ck-color-blue, blue)',
    ])
  })
})
