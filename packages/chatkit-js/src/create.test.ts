// @vitest-environment happy-dom
/** `createChatKit`'s `element`: a container, an `<xpertai-chatkit>`, or a clear error (issue 18). */
import { describe, expect, it } from 'vitest'
import { ChatKitElement, createChatKit } from '@xpert-ai/chatkit-js'
import { useFakeFrames } from './fake-frame.test-helper.js'

const FRAME = 'http://127.0.0.1:8787/chatkit/'
const api = { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 'cs-x-1' }
useFakeFrames()

const attempt = (options: unknown) => {
  try {
    createChatKit(options as Parameters<typeof createChatKit>[0])
    return null
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message }
  }
}

describe('createChatKit({ element })', () => {
  it('a container element in the page gets an <xpertai-chatkit> mounted inside it', () => {
    const box = document.body.appendChild(document.createElement('div'))
    const chat = createChatKit({ element: box, frameUrl: FRAME, api })
    expect(chat.element).toBeInstanceOf(ChatKitElement)
    expect(chat.element.parentElement).toBe(box)
    expect(chat.element.shadowRoot!.querySelector('iframe')!.src).toBe(FRAME)
  })

  it('an <xpertai-chatkit> is driven as it is (attached or not); no element gives a new detached one', () => {
    const el = document.createElement('xpertai-chatkit') as ChatKitElement
    expect(createChatKit({ element: el, frameUrl: FRAME, api }).element).toBe(el)
    const fresh = createChatKit({ frameUrl: FRAME, api }).element
    expect(fresh.localName).toBe('xpertai-chatkit')
    expect(fresh.isConnected).toBe(false)
  })

  it('null (a getElementById that found nothing), a text node, a detached node, a string: an error naming it', () => {
    const expected = 'createChatKit: element must be a container element in the page, or an <xpertai-chatkit>'
    expect(attempt({ element: null, frameUrl: FRAME, api })).toEqual({ code: 'invalid_options', message: `${expected}, got null` })
    const text = document.body.appendChild(document.createTextNode('hi'))
    expect(attempt({ element: text, frameUrl: FRAME, api })?.message).toBe(`${expected}, got a #text node`)
    expect(attempt({ element: document.createElement('section'), frameUrl: FRAME, api })?.message).toBe(`${expected}, got a detached <section>`)
    expect(attempt({ element: '#box', frameUrl: FRAME, api })?.message).toBe(`${expected}, got the string "#box"`)
    expect(document.querySelector('xpertai-chatkit')).toBeNull()
  })

  it('no options, or no frameUrl: an error saying what is expected', () => {
    expect(attempt(null)).toEqual({ code: 'invalid_options', message: 'createChatKit(options): expected an options object, got null' })
    expect(attempt(undefined)?.message).toBe('createChatKit(options): expected an options object, got undefined')
    const box = document.body.appendChild(document.createElement('div'))
    expect(attempt({ element: box, api })).toEqual({ code: 'invalid_options', message: 'frameUrl must be an http(s) URL, got undefined' })
    expect(box.childNodes).toHaveLength(0)
  })
})
