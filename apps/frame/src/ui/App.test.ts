// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { preloadMarkdown } from '../markdown/Markdown.js'
import { loadMessageParts } from '../app/answer-code.js'
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { ApiClient, ClientSecrets } from '../api/index.js'
import { AttachmentTray } from '../attachments/store.js'
import { composerValue } from '../composer/store.js'
import { applyOptions } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import { ThreadController } from '../thread/controller.js'
import { reduce } from '../thread/model/reducer.js'
import { userMessageSent } from '../thread/model/actions.js'
import type { FrameUi } from '../app/compose.js'
import { createSessionStatus } from '../app/session.js'
import { createHistoryVisibility } from '../history/index.js'
import { App } from './App.js'

let root: HTMLElement

function mount(onSend = vi.fn((_text: string) => true)) {
  const api = new ApiClient(
    () => ({ baseUrl: 'http://127.0.0.1:1/api', language: 'en' }),
    new ClientSecrets(async () => 's'),
    (async () => new Promise(() => {})) as typeof fetch,
  )
  const controller = new ThreadController({ api, assistantId: () => undefined, request: () => undefined, emit: () => {}, emitError: () => {} })
  root = document.createElement('div')
  document.body.append(root)
  const ui = {
    tray: new AttachmentTray({ upload: () => new Promise(() => {}) }),
    history: { search: vi.fn(), rename: vi.fn(), remove: vi.fn() },
    composerHost: { invoke: vi.fn(), can: () => false, emit: vi.fn() },
    sendDraft: (d: { text: string }) => onSend(d.text),
    reportError: vi.fn(),
    historyVisibility: createHistoryVisibility(() => {}),
    session: createSessionStatus(() => {}),
    callHost: vi.fn(),
  } as unknown as FrameUi
  act(() => render(h(App, { controller, ui }), root))
  return { controller, onSend }
}

afterEach(() => {
  act(() => render(null, root))
  root.remove()
  composerValue.value = ''
})

const setOptions = (options: Record<string, unknown>) => act(() => applyOptions(validateOptions({ options, callbacks: ['api.getClientSecret'] })))

function key(el: Element, init: KeyboardEventInit & { keyCode?: number }) {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  if (init.keyCode) Object.defineProperty(e, 'keyCode', { value: init.keyCode })
  act(() => void el.dispatchEvent(e))
  return e
}

// The markdown renderer is a lazy chunk: load it once, as the frame does at boot.
// Markdown and the message views are lazy chunks: loaded first, so renders below are synchronous.
beforeAll(() => Promise.all([preloadMarkdown(), loadMessageParts()]))

describe('App', () => {
  it('shows Loading… until options arrive, then the greeting and composer', () => {
    act(() => applyOptions({ options: null as never, callbacks: new Set(), issues: [] }))
    mount()
    expect(root.textContent).toContain('Loading…')
    setOptions({ api: { apiUrl: 'http://127.0.0.1:8787/api/ai' }, composer: { placeholder: 'Ask me' } })
    expect(root.querySelector('h2.ck-greeting')?.textContent).toBe('What can I help with today?')
    expect(root.querySelector('textarea[aria-label="Message"]')?.getAttribute('placeholder')).toBe('Ask me')
    // The log itself is silent while tokens stream; a polite live region announces finished answers.
    expect(root.querySelector('[role="log"][aria-live="off"]')).not.toBeNull()
    expect(root.querySelector('[role="status"][aria-live="polite"]')).not.toBeNull()
  })

  it('shows invalid options with their path and reason', () => {
    mount()
    setOptions({ api: { apiUrl: 'javascript:alert(1)' } })
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('api.apiUrl: expected an absolute http(s) URL')
  })

  it('Enter sends, Shift+Enter and IME Enter do not', () => {
    const { onSend } = mount()
    setOptions({ api: { apiUrl: 'http://127.0.0.1:8787/api/ai' }, startScreen: { greeting: 'Hi!' } })
    expect(root.querySelector('h2.ck-greeting')?.textContent).toBe('Hi!')
    const ta = root.querySelector('textarea')!
    ta.value = 'hello'
    act(() => void ta.dispatchEvent(new Event('input', { bubbles: true })))
    expect(key(ta, { key: 'Enter', shiftKey: true }).defaultPrevented).toBe(false)
    expect(key(ta, { key: 'Enter', isComposing: true }).defaultPrevented).toBe(false)
    expect(key(ta, { key: 'Enter', keyCode: 229 }).defaultPrevented).toBe(false)
    expect(onSend).not.toHaveBeenCalled()
    expect(key(ta, { key: 'Enter' }).defaultPrevented).toBe(true)
    expect(onSend).toHaveBeenCalledWith('hello')
    expect(composerValue.value).toBe('')
  })

  it('renders messages as articles with role and status, and Stop while streaming', () => {
    const { controller } = mount()
    setOptions({ api: { apiUrl: 'http://127.0.0.1:8787/api/ai' } })
    expect(root.querySelector('button[aria-label="Send"]')).not.toBeNull()
    act(() => {
      let s = userMessageSent(controller.state.value, 'hi <b>there</b>', 'tmp_1')
      s = reduce(s, { type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } })
      s = reduce(s, { type: 'message', data: { type: 'text', text: 'Hello **world**', id: 'a1' } })
      controller.state.value = s
    })
    const articles = [...root.querySelectorAll('[role="log"] article')]
    expect(articles.map((a) => [a.getAttribute('data-message-role'), a.getAttribute('data-status')])).toEqual([
      ['user', 'done'],
      ['assistant', 'streaming'],
    ])
    expect(articles[0].querySelector('.ck-user-text')?.textContent).toBe('hi <b>there</b>')
    expect(articles[1].querySelector('strong')?.textContent).toBe('world')
    expect(root.querySelector('button[aria-label="Stop"]')).not.toBeNull()
    expect(root.querySelector('button[aria-label="Send"]')).toBeNull()
    act(() => {
      controller.state.value = reduce(controller.state.value, { type: 'complete' })
    })
    expect(root.querySelector('article[data-message-role="assistant"]')?.getAttribute('data-status')).toBe('done')
    expect(root.querySelector('button[aria-label="Stop"]')).toBeNull()
  })
})
