import { expect, it } from 'vitest'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'

it('imports and renders on a server without touching window', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
  const { ChatKit, useChatKit } = await import('@xpert-ai/chatkit-react')
  // biome-ignore lint/correctness/noComponentHookFactories: defined after the dynamic import of the package under test (importing it must not touch window), rendered once
  function App() {
    const { control } = useChatKit({ frameUrl: 'http://127.0.0.1:8787/chatkit/', api: { apiUrl: 'x', getClientSecret: async () => 's' } })
    return createElement(ChatKit, { control, className: 'h-full' })
  }
  expect(renderToString(createElement(App))).toBe('<xpertai-chatkit class="h-full"></xpertai-chatkit>')
})
