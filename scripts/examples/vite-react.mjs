// examples/vite-react: strict type check, `vite build`, `vite preview` with the session middleware,
// and a chat in Chromium under StrictMode against the self-hosted ChatKit server.
import { assertChat, chatOnce, withChatKitServer } from './browser.mjs'
import { sh, startProcess } from './setup.mjs'

export function run(dir) {
  const apiKey = 'example-vite-react-key'
  return withChatKitServer({ apiKey }, async ({ origin, port, chatkit }) => {
    sh(dir, 'npm', ['run', 'typecheck'])
    sh(dir, 'npm', ['run', 'build'], { VITE_CHATKIT_URL: chatkit.origin })
    const preview = await startProcess(dir, 'npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      env: { CHATKIT_URL: chatkit.origin, CHATKIT_API_KEY: apiKey },
      readyUrl: origin,
    })
    try {
      assertChat(await chatOnce(origin + '/'))
    } finally {
      preview.stop()
    }
  })
}
