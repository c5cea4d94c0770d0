// Runs in plain Node against the packed packages: import them and render <ChatKit> on a server.
// Any read of `window` or `document` is recorded (not only failing ones) and reported.
const touched = []
for (const name of ['window', 'document']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      touched.push(`${name} at ${new Error().stack.split('\n')[2].trim()}`)
      return undefined
    },
  })
}
const { createElement } = await import('react')
const { renderToString } = await import('react-dom/server')
const { ChatKit, useChatKit } = await import('@xpert-ai/chatkit-react')
await import('@xpert-ai/chatkit-js')
await import('@xpert-ai/chatkit-js/launcher')
function App() {
  const { control } = useChatKit({
    frameUrl: 'http://127.0.0.1:8787/chatkit/',
    api: { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 's' },
  })
  return createElement(ChatKit, { control, className: 'chat' })
}
const html = renderToString(createElement(App))
console.log(JSON.stringify({ html, touched }))
