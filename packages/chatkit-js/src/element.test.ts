// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChatKitElement, createChatKit } from '@xpert-ai/chatkit-js'
import type { ChatKitError } from '@xpert-ai/chatkit-js'
import { fakeFrame } from './fake-frame.test-helper.js'

const FRAME = 'http://127.0.0.1:8787/chatkit/'
const api = { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 'cs-x-1' }
const real = ChatKitElement.connector

// happy-dom does not load iframe pages (it logs that it refused): the test fires `load` itself.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}))
afterEach(() => {
  vi.restoreAllMocks()
  ChatKitElement.connector = real
  document.body.innerHTML = ''
})

function mount(frame = fakeFrame()) {
  ChatKitElement.connector = frame.connector
  const chat = createChatKit({ frameUrl: FRAME, api })
  document.body.append(chat.element)
  const iframe = chat.element.shadowRoot!.querySelector('iframe')!
  const errors: ChatKitError[] = []
  chat.element.addEventListener('chatkit.error', (e) => errors.push(e.detail.error as ChatKitError))
  const load = async () => {
    iframe.dispatchEvent(new Event('load'))
    await new Promise((r) => setTimeout(r, 0))
  }
  return { chat, iframe, frame, errors, load }
}

describe('<xpertai-chatkit>', () => {
  it('is registered and mounts one locked-down iframe in its shadow root', () => {
    const { chat, iframe } = mount()
    expect(customElements.get('xpertai-chatkit')).toBe(ChatKitElement)
    expect(chat.element).toBeInstanceOf(ChatKitElement)
    expect(iframe.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads')
    expect(iframe.getAttribute('allow')).toBe('clipboard-write')
    expect(iframe.title).toBe('ChatKit')
    expect(iframe.src).toBe(FRAME)
    expect(chat.element.shadowRoot!.querySelectorAll('iframe')).toHaveLength(1)
  })

  it('connects on every load to the frame origin only, and queues calls until ready', async () => {
    const { chat, frame, load } = mount()
    const sent = chat.sendUserMessage({ text: 'hi' })
    await load()
    await sent
    expect(frame.links[0].origin).toBe('http://127.0.0.1:8787')
    expect(frame.calls.map((c) => c[0])).toEqual(['hello', 'setOptions', 'sendUserMessage'])
    await load() // a frame reload re-handshakes and re-applies the options
    expect(frame.calls.map((c) => c[0]).slice(3)).toEqual(['hello', 'setOptions'])
  })

  it('setOptions replaces the options without reloading; callbacks resolve against the latest', async () => {
    const { chat, frame, iframe, load } = mount()
    await load()
    await chat.setOptions({ frameUrl: FRAME, api: { ...api, getClientSecret: async () => 'cs-x-2' }, locale: 'fr' })
    expect(iframe.src).toBe(FRAME)
    expect(frame.calls.at(-1)).toEqual(['setOptions', [expect.objectContaining({ options: expect.objectContaining({ locale: 'fr' }) })]])
    expect(await frame.links[0].methods.invoke('api.getClientSecret', [null])).toEqual({ ok: true, value: 'cs-x-2' })
  })

  it('reports a bad frameUrl and unsendable options as chatkit.error', async () => {
    const { chat, errors } = mount()
    await chat.setOptions({ frameUrl: 'javascript:alert(1)', api })
    expect(errors.at(-1)).toMatchObject({ code: 'invalid_options', message: 'frameUrl must be an http(s) URL, got "javascript:alert(1)"' })
    await chat.setOptions({ frameUrl: FRAME, api, request: { state: { el: document.body } } })
    expect(errors.at(-1)).toMatchObject({ code: 'invalid_options', message: expect.stringContaining('request.state.el: a HTMLBodyElement') })
  })

  it('destroy removes the frame and rejects later calls', async () => {
    const { chat, load } = mount()
    await load()
    chat.destroy()
    expect(chat.element.shadowRoot!.querySelector('iframe')).toBeNull()
    await expect(chat.focusComposer()).rejects.toMatchObject({ code: 'destroyed' })
  })

  it('auto-height: the iframe follows the reported height up to maxHeight; fill ignores it', async () => {
    const { chat, iframe, frame, load } = mount()
    await load()
    const emit = (height: number) => (frame.links[0].methods.emit as (n: string, d: unknown) => void)('resize', { height })
    emit(300)
    expect(iframe.style.height).toBe('')
    await chat.setOptions({ frameUrl: FRAME, api, layout: 'auto-height', maxHeight: 400 })
    expect(chat.element.hasAttribute('layout')).toBe(true)
    emit(300)
    expect(iframe.style.height).toBe('300px')
    emit(900)
    expect(iframe.style.height).toBe('400px')
    await chat.setOptions({ frameUrl: FRAME, api })
    expect(chat.element.hasAttribute('layout')).toBe(false)
    expect(iframe.style.height).toBe('')
  })

  it('asks for the microphone only when dictation is enabled', async () => {
    const { chat, iframe } = mount()
    expect(iframe.allow).toBe('clipboard-write')
    await chat.setOptions({ frameUrl: FRAME, api, composer: { dictation: { enabled: true } } })
    expect(iframe.allow).toBe('clipboard-write; microphone')
  })
})
