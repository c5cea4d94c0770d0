// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { ChatKitElement } from '@xpert-ai/chatkit-js'
import { createChatKitLauncher } from '@xpert-ai/chatkit-js/launcher'
import { fakeFrame } from './fake-frame.test-helper.js'

const real = ChatKitElement.connector
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}))
afterEach(() => {
  vi.restoreAllMocks()
  ChatKitElement.connector = real
  document.body.innerHTML = ''
})

it('a corner button toggles the chat panel; Escape (in the panel or reported by the frame) closes it and focus returns', () => {
  ChatKitElement.connector = fakeFrame().connector
  const chat = createChatKitLauncher({
    frameUrl: 'http://127.0.0.1:8787/chatkit/',
    api: { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 's' },
    corner: 'top-left',
    label: 'Help',
  })
  const { button, panel } = chat
  expect(button.getAttribute('aria-label')).toBe('Help')
  expect(button.getAttribute('aria-controls')).toBe(panel.id)
  expect(button.style.top).toBe('20px')
  expect(button.style.left).toBe('20px')
  expect(panel.hidden).toBe(true)

  button.click()
  expect(chat.isOpen).toBe(true)
  expect(button.getAttribute('aria-expanded')).toBe('true')
  panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
  expect(chat.isOpen).toBe(false)
  expect(document.activeElement).toBe(button)

  chat.open()
  chat.element.dispatchEvent(new CustomEvent('chatkit.log', { detail: { name: 'escape' } }))
  expect(chat.isOpen).toBe(false)

  chat.destroy()
  expect(document.body.contains(button)).toBe(false)
  expect(document.body.contains(panel)).toBe(false)
})
