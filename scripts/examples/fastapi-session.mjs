// examples/fastapi-session: the Python session endpoint (FastAPI + httpx, run by uvicorn, all from
// Debian packages) pointed at our server by its base-URL variable; the React page built with Vite;
// a chat through it in Chromium.
import { spawnSync } from 'node:child_process'
import { assertChat, chatOnce, withChatKitServer } from './browser.mjs'
import { sh, startProcess } from './setup.mjs'

const PYTHON = '/usr/bin/python3'
const DEBIAN_PACKAGES = ['python3-fastapi', 'python3-httpx', 'uvicorn']

/** FastAPI, httpx and uvicorn from Debian, installed with apt-get when missing. */
function ensurePython() {
  const ok = () => spawnSync(PYTHON, ['-c', 'import fastapi, httpx, uvicorn'], { stdio: 'ignore' }).status === 0
  if (ok()) return
  console.log(`  installing ${DEBIAN_PACKAGES.join(' ')} with apt-get`)
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES], { stdio: 'inherit' })
  if (r.status !== 0 || !ok()) throw new Error(`could not install ${DEBIAN_PACKAGES.join(' ')} (apt-get install, as root)`)
}

export function run(dir) {
  ensurePython()
  const apiKey = 'example-fastapi-session-key'
  return withChatKitServer({ apiKey }, async ({ origin, port, chatkit }) => {
    sh(dir, 'npm', ['run', 'typecheck'])
    sh(dir, 'npm', ['run', 'build'])
    const env = { XPERTAI_API_BASE_URL: chatkit.api, XPERTAI_API_KEY: apiKey, CHATKIT_FRAME_URL: `${chatkit.origin}/chatkit/` }
    const app = await startProcess(dir, PYTHON, ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', String(port)], { env, readyUrl: origin })
    try {
      const res = await fetch(`${origin}/api/create-session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ xpertId: 'demo' }),
      })
      const body = await res.json()
      if (!res.ok || !/^cs-x-/.test(body.client_secret ?? '')) throw new Error(`create-session answered ${res.status} ${JSON.stringify(body)}`)
      console.log('  ✓ FastAPI minted a session from the ChatKit server (httpx → /v1/chatkit/sessions)')
      assertChat(await chatOnce(origin + '/'))
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : e}\nuvicorn output:\n${app.output()}`)
    } finally {
      app.stop()
    }
  })
}
