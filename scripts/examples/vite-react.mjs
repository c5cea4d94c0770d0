// examples/vite-react: strict type check, `vite build`, `vite preview` with the session middleware,
// and a chat in Chromium under StrictMode against the self-hosted ChatKit server.
import { freePort, startBuiltServer } from '../local-server.mjs'
import { assertChat, chatOnce } from './browser.mjs'
import { sh, startProcess } from './setup.mjs'

export async function run(dir) {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const apiKey = 'example-vite-react-key'
  const chatkit = await startBuiltServer({ apiKey, args: ['--allowed-origins', origin] })
  try {
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
  } finally {
    chatkit.stop()
  }
}
