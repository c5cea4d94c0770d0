import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '@xpert-ai/chatkit-server'
import { describe, expect, it } from 'vitest'
import { CLI, startCli } from './cli-process.js'

// Runs the built CLI: `npm test` builds before the unit tests. Without a build this fails and says
// so (a skipped test would hide a missing build step).
describe('chatkit-server CLI (dist/cli.js)', () => {
  it('is built', () => {
    expect(existsSync(CLI), `${CLI} is missing: run \`pnpm build\` first`).toBe(true)
  })

  it('starts, streams a run, and on SIGTERM ends it as cancelled, saves it and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-cli-test-'))
    const { child, api, key, exited } = await startCli(dir)
    try {
      const session = await (
        await fetch(`${api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id: 'demo' }, user: 'u' }),
        })
      ).json()
      const auth = { authorization: `Bearer ${session.client_secret}`, 'content-type': 'application/json' }
      const thread = await (await fetch(`${api}/threads`, { method: 'POST', headers: auth, body: '{}' })).json()
      const res = await fetch(`${api}/threads/${thread.thread_id}/runs/stream`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ input: { input: { input: 'a long enough question' } } }),
      })
      const reader = res.body!.getReader()
      let text = ''
      let signalled = false
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        text += new TextDecoder().decode(value)
        if (!signalled && text.split('"type":"text"').length > 5) {
          signalled = true
          child.kill('SIGTERM')
        }
      }
      // The stream's last event is the run's end (then it closes).
      expect(text.trimEnd().split('\n').at(-1)).toMatch(/"on_conversation_end","data":\{"id":"[^"]+","status":"cancelled","error":"server shutting down"\}\}$/)
      expect(await exited).toBe(0)

      const store = new SqliteStore({ dataDir: dir })
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
        const { items } = await store.messages.list(thread.thread_id, 10, 0)
        expect(items.map((m) => [m.role, m.status])).toEqual([
          ['human', 'success'],
          ['ai', 'cancelled'],
        ])
        const run = store.db.prepare('SELECT status FROM runs').get() as { status: string }
        expect(run.status).toBe('cancelled')
      } finally {
        await store.close()
      }
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
