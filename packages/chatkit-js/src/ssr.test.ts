import { expect, it } from 'vitest'

it('imports on a server (no window, no HTMLElement) without throwing', async () => {
  expect(typeof (globalThis as { HTMLElement?: unknown }).HTMLElement).toBe('undefined')
  const mod = await import('@xpert-ai/chatkit-js')
  expect(typeof mod.createChatKit).toBe('function')
  expect(typeof mod.ChatKitElement).toBe('function')
})
