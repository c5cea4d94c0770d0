import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startApp } from './app.js'
import { ConfigError, parseAppConfig, type AppConfig } from './config.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-run-limits-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function config(argv: string[], env: NodeJS.ProcessEnv = {}): AppConfig {
  const c = parseAppConfig(['--port', '0', '--no-demo', '--data-dir', join(tmp, 'data'), ...argv], env, tmp)
  if (c === 'help') throw new Error('help')
  return c
}

describe('--max-streams-per-secret / --max-run-seconds', () => {
  it('parse from flags or env and refuse nonsense', () => {
    expect(config([])).toMatchObject({ maxStreamsPerSecret: null, maxRunMs: null })
    expect(config(['--max-streams-per-secret', '4', '--max-run-seconds', '60'])).toMatchObject({ maxStreamsPerSecret: 4, maxRunMs: 60_000 })
    expect(config([], { CHATKIT_MAX_STREAMS_PER_SECRET: '2', CHATKIT_MAX_RUN_SECONDS: '5' })).toMatchObject({ maxStreamsPerSecret: 2, maxRunMs: 5000 })
    for (const bad of ['0', '-1', '1.5', 'many', '99999999']) {
      expect(() => config(['--max-streams-per-secret', bad])).toThrow(ConfigError)
      expect(() => config([], { CHATKIT_MAX_RUN_SECONDS: bad })).toThrow(
        /--max-run-seconds \/ CHATKIT_MAX_RUN_SECONDS: expected a whole number from 1 to 86400/,
      )
    }
  })

  it('reach the API: a second stream of one secret is refused, a run past the limit ends with run_timeout', async () => {
    const mod = join(tmp, 'slow-agent.mjs')
    writeFileSync(mod, `export default { id: 'slow', name: 'Slow', async *run(ctx) { yield { type: 'text', text: 'started' }; await ctx.sleep(60000) } }\n`)
    const app = await startApp(config(['--agent', mod, '--max-streams-per-secret', '1', '--max-run-seconds', '1']))
    try {
      const post = (path: string, auth: string, body: unknown) =>
        fetch(app.urls.api + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const secret = (await (await post('/v1/chatkit/sessions', app.apiKey.value, { assistant: { id: 'slow' }, user: 'u' })).json()).client_secret
      const threads: string[] = []
      for (let i = 0; i < 2; i++) threads.push((await (await post('/threads', secret, {})).json()).thread_id)
      const first = await post(`/threads/${threads[0]}/runs/stream`, secret, { input: { input: { input: 'hi' } } })
      expect(first.status).toBe(200)
      const second = await post(`/threads/${threads[1]}/runs/stream`, secret, { input: { input: { input: 'hi' } } })
      expect(second.status).toBe(429)
      expect((await second.json()).error.code).toBe('too_many_streams')
      expect(await first.text()).toContain(
        '"on_conversation_end","data":{"id":"' +
          threads[0] +
          '","status":"error","error":"run_timeout: the answer took longer than this server\'s limit of 1 s and was stopped","code":"run_timeout"}',
      )
    } finally {
      await app.stop()
    }
  })
})
