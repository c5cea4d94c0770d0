// examples/nextjs: `next build` (its type check runs with strict and skipLibCheck: false), then
// `tsc --noEmit` over the same project, `next start`, and a chat in Chromium: the frame from the
// self-hosted ChatKit server, the API and the session route inside Next.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { assertChat, chatOnce, withChatKitServer } from './browser.mjs'
import { sh, startProcess } from './setup.mjs'

export function run(dir) {
  // The ChatKit server only serves the frame here (its own API goes unused); `apiInApp` lets the
  // frame call the API mounted in the Next app.
  return withChatKitServer({ apiKey: 'example-frame-only-key', apiInApp: true }, async ({ origin, port, chatkit: frame }) => {
    const build = sh(dir, 'npm', ['run', 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
    if (!/TypeScript/i.test(build)) throw new Error(`next build did not type-check:\n${build}`)
    sh(dir, 'npm', ['run', 'typecheck'])
    const env = {
      NEXT_TELEMETRY_DISABLED: '1',
      CHATKIT_API_KEY: 'example-nextjs-app-key',
      CHATKIT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'chatkit-example-data-')),
      CHATKIT_FRAME_ORIGIN: frame.origin,
      APP_URL: origin,
    }
    const next = await startProcess(dir, 'npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], { env, readyUrl: origin })
    try {
      const res = await fetch(`${origin}/api/create-session`, { method: 'POST' })
      const body = await res.json()
      if (!res.ok || !/^cs-x-/.test(body.client_secret ?? '')) throw new Error(`the session route answered ${res.status} ${JSON.stringify(body)}`)
      console.log('  ✓ POST /api/create-session minted a client secret (the API key stays in the route handler)')
      assertChat(await chatOnce(origin + '/'))
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : e}\nnext output:\n${next.output()}`)
    } finally {
      next.stop()
    }
  })
}
