// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest'
import { createChatKit } from '@xpert-ai/chatkit-js'
import type { ChatKitElement } from '@xpert-ai/chatkit-js'
import { useFakeFrames } from './fake-frame.test-helper.js'

useFakeFrames()
const base = { frameUrl: 'http://127.0.0.1:8787/chatkit/', api: { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 's' } }
const petOf = (el: ChatKitElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.ck-pet')
afterEach(() => localStorage.clear())

it("displayMode 'pet': the element gets a pet button before its frame; destroy() takes the pet away", async () => {
  const chat = createChatKit({ ...base, element: document.body, displayMode: 'pet' })
  await chat.setOptions({ ...base, displayMode: 'pet' }) // resolves once the pet module ran and the frame exists
  expect(chat.element.shadowRoot!.querySelector('iframe')).not.toBeNull()
  const pet = petOf(chat.element)!
  expect(pet.getAttribute('aria-label')).toBe('Open chat')
  expect(pet.getAttribute('aria-expanded')).toBe('false')
  expect(chat.element.getAttribute('data-pet')).toBe('panel')
  // The frame is linked as the panel the button controls.
  await vi.waitFor(() => expect(pet.getAttribute('aria-controls')).toBe('ck-pet-panel'))
  pet.click()
  expect(chat.element.hasAttribute('data-pet-open')).toBe(true)
  pet.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
  expect(chat.element.hasAttribute('data-pet-open')).toBe(false)

  chat.destroy()
  await vi.waitFor(() => expect(petOf(chat.element)).toBeNull())
  expect(chat.element.hasAttribute('data-pet')).toBe(false)
})

it('a pet turned off reports why and leaves the chat inline; turning it back on adds it again', async () => {
  const errors: string[] = []
  const chat = createChatKit({ ...base, element: document.body, displayMode: 'pet', pet: { enabled: false } })
  chat.element.addEventListener('chatkit.error', (e) => errors.push(e.detail.error.message))
  await chat.setOptions({ ...base, displayMode: 'pet', pet: { enabled: false } })
  expect(errors.length).toBeGreaterThan(0)
  for (const e of errors) expect(e).toMatch(/^displayMode: 'pet' with the pet turned off/)
  expect(petOf(chat.element)).toBeNull()
  await chat.setOptions({ ...base, displayMode: 'pet' })
  expect(petOf(chat.element)).not.toBeNull()
  await chat.setOptions({ ...base })
  expect(petOf(chat.element)).toBeNull()
})
