// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createElement, StrictMode } from 'react'
import type { ReactNode } from 'react'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { ChatKitElement } from '@xpert-ai/chatkit-js'
import type { Connector, ConnectorOptions, FrameCall } from '@xpert-ai/chatkit-js'
import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'
import type { UseChatKitOptions, UseChatKitReturn } from '@xpert-ai/chatkit-react'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
const FRAME = 'http://127.0.0.1:8787/chatkit/'
const real = ChatKitElement.connector
let links: ConnectorOptions[]
let calls: string[]
let root: Root
let host: HTMLElement

beforeEach(() => {
  links = []
  calls = []
  // A frame stand-in that answers the handshake (the browser e2e uses real penpal).
  const call: FrameCall = async (method) => {
    calls.push(method)
    if (method === 'hello') return { protocolVersion: '1.0.0', capabilities: ['hello', 'setOptions', 'focusComposer', 'setThreadId'] }
  }
  ChatKitElement.connector = ((o) => (links.push(o), { promise: Promise.resolve(call), destroy() {} })) as Connector
  vi.spyOn(console, 'error').mockImplementation(() => {}) // happy-dom logs that it does not load iframe pages
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})

afterEach(() => {
  act(() => root.unmount())
  ChatKitElement.connector = real
  vi.restoreAllMocks()
})

let latest: UseChatKitReturn
function Chat(props: { options: UseChatKitOptions; mount?: boolean }): ReactNode {
  latest = useChatKit(props.options)
  return props.mount === false ? null : createElement(ChatKit, { control: latest.control, className: 'chat' })
}

const render = (options: UseChatKitOptions, mount?: boolean, strict = false) =>
  act(() => {
    const tree = createElement(Chat, { options, mount })
    root.render(strict ? createElement(StrictMode, null, tree) : tree)
  })

const element = () => host.querySelector('xpertai-chatkit') as ChatKitElement
async function loadFrame() {
  await act(async () => {
    element().shadowRoot!.querySelector('iframe')!.dispatchEvent(new Event('load'))
    await new Promise((r) => setTimeout(r, 0))
  })
}

const options = (secret: string, extra: Partial<UseChatKitOptions> = {}): UseChatKitOptions => ({
  frameUrl: FRAME,
  api: { apiUrl: 'http://127.0.0.1:8787/api/ai', xpertId: 'demo', getClientSecret: async () => secret },
  ...extra,
})

describe('useChatKit + <ChatKit>', () => {
  it('re-rendering with new function identities neither resends options nor reloads; callbacks stay current', async () => {
    const setOptions = vi.spyOn(ChatKitElement.prototype, 'setOptions')
    await render(options('one'))
    await loadFrame()
    expect(setOptions).toHaveBeenCalledTimes(1)
    expect(element().className).toBe('chat')
    const iframe = element().shadowRoot!.querySelector('iframe')
    await render(options('two', { onReady: () => {} }))
    await render(options('three'))
    expect(setOptions).toHaveBeenCalledTimes(1)
    expect(element().shadowRoot!.querySelector('iframe')).toBe(iframe)
    expect(calls).toEqual(['hello', 'setOptions'])
    expect(await links[0].methods.invoke('api.getClientSecret', [null])).toEqual({ ok: true, value: 'three' })
    await render(options('three', { locale: 'fr' }))
    expect(setOptions).toHaveBeenCalledTimes(2)
    expect(calls).toEqual(['hello', 'setOptions', 'setOptions'])
  })

  it('dispatches events to the latest onX handlers with the event detail', async () => {
    const first = vi.fn()
    const second = vi.fn()
    const onReady = vi.fn()
    await render(options('s', { onThreadChange: first, onReady }))
    await loadFrame()
    expect(onReady).toHaveBeenCalledOnce()
    await render(options('s', { onThreadChange: second, onReady }))
    element().dispatchEvent(new CustomEvent('chatkit.thread.change', { detail: { threadId: 't1' } }))
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith({ threadId: 't1' })
  })

  it('onClientTool is a callback (sent as a callback path), not an event handler', async () => {
    await render(options('s', { onClientTool: async () => ({ content: 'done' }) }))
    await loadFrame()
    expect(await links[0].methods.invoke('onClientTool', [{ name: 't', params: {} }])).toEqual({ ok: true, value: { content: 'done' } })
  })

  it('onLinkClick is a callback too', async () => {
    const onLinkClick = vi.fn()
    await render(options('s', { onLinkClick }))
    await loadFrame()
    expect(await links[0].methods.invoke('onLinkClick', [{ url: 'https://example.com/' }])).toEqual({ ok: true })
    expect(onLinkClick).toHaveBeenCalledWith({ url: 'https://example.com/' })
  })

  it('methods forward to the element, and warn (not throw) when nothing is mounted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await render(options('s'), false)
    await expect(latest.focusComposer()).resolves.toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('focusComposer()'))
    await render(options('s'))
    await loadFrame()
    await act(() => latest.setThreadId('t9'))
    expect(calls.at(-1)).toBe('setThreadId')
  })

  it('StrictMode mounts one iframe and one connection; unmount destroys it', async () => {
    const destroy = vi.spyOn(ChatKitElement.prototype, 'destroy')
    await render(options('s'), true, true)
    await loadFrame()
    expect(host.querySelectorAll('xpertai-chatkit')).toHaveLength(1)
    expect(element().shadowRoot!.querySelectorAll('iframe')).toHaveLength(1)
    expect(links).toHaveLength(1)
    expect(destroy).not.toHaveBeenCalled()
    await act(() => root.render(null))
    await act(async () => {})
    expect(destroy).toHaveBeenCalledOnce()
  })
})
