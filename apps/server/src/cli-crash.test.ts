import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '@xpert-ai/chatkit-server'
import { describe, expect, it } from 'vitest'
import { startCli } from './cli-process.js'

/** SIGKILL mid-run, then restart on the same data dir. */
describe('chatkit-server after SIGKILL', () => {
  it('keeps committed messages, marks the run interrupted, and the database passes integrity_check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-crash-test-'))
    let cli = await startCli(dir)
    try {
      const session = await (
        await fetch(`${cli.api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cli.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id: 'demo' }, user: 'u' }),
        })
      ).json()
      const auth = { authorization: `Bearer ${session.client_secret}`, 'content-type': 'application/json' }
      const thread = (await (await fetch(`${cli.api}/threads`, { method: 'POST', headers: auth, body: '{}' })).json()).thread_id
      const run = (text: string) =>
        fetch(`${cli.api}/threads/${thread}/runs/stream`, { method: 'POST', headers: auth, body: JSON.stringify({ input: { input: { input: text } } }) })
      await (await run('first question')).text()

      const res = await run('second question, long')
      const runId = res.headers.get('x-run-id')!
      const reader = res.body!.getReader()
      let seen = ''
      while (seen.split('"type":"text"').length < 20) seen += new TextDecoder().decode((await reader.read()).value)
      cli.child.kill('SIGKILL')
      await cli.exited
      const lastId = [...seen.matchAll(/^id: (\S+)$/gm)].at(-1)![1]

      const raw = new SqliteStore({ dataDir: dir })
      expect(raw.db.pragma('integrity_check', { simple: true })).toBe('ok')
      await raw.close()

      cli = await startCli(dir)
      const api = cli.api
      expect(cli.output()).toMatch(/marked 1 run\(s\) left by a stopped server as interrupted/)
      const items = (await (await fetch(`${api}/conversations/${thread}/messages`, { headers: auth })).json()).items
      expect(items.map((m: { role: string; status: string }) => [m.role, m.status])).toEqual([
        ['human', 'success'],
        ['ai', 'success'],
        ['human', 'success'],
        ['ai', 'interrupted'],
      ])
      expect(items[1].content[0].text).toMatch(/^## You asked: first question/)
      expect((await (await fetch(`${api}/threads/${thread}/runs/${runId}`, { headers: auth })).json()).status).toBe('interrupted')
      expect((await (await fetch(`${api}/threads/${thread}`, { headers: auth })).json()).status).toBe('idle')
      // The run's log survived: a rejoin gets what was logged after the client's last id, then a clear end.
      const rejoin = await (await fetch(`${api}/threads/${thread}/runs/${runId}/stream`, { headers: { ...auth, 'last-event-id': lastId } })).text()
      expect(rejoin.trimEnd().split('\n').at(-1)).toMatch(/"on_conversation_end","data":\{"status":"interrupted","error":"server stopped during the run"\}\}$/)
      // The server works on: a new run on the same thread.
      expect(await (await run('third')).text()).toMatch(/"status":"idle"/)
    } finally {
      cli.child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
