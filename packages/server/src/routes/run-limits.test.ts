import { defineAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChatKitHandler } from '../handler.js'
import { eventsNamed, envelopesOf, textOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

/** Says one word, then waits (abortably) for a minute: a run that lasts until it is stopped. */
const slow = defineAgent({
  id: 'slow',
  name: 'Slow',
  async *run(ctx) {
    yield { type: 'text', text: 'started ' }
    await ctx.sleep(60_000)
    yield { type: 'text', text: 'never' }
  },
})

let s: TestServer
let t: TestServer
beforeAll(async () => {
  s = await startTestServer({ extraAgents: [slow], maxStreamsPerSecret: 2, maxRunMs: false })
  t = await startTestServer({ extraAgents: [slow], maxRunMs: 400 })
})
afterAll(async () => {
  await s.close()
  await t.close()
})

async function slowThread(secret: string, on = s): Promise<string> {
  return (await (await on.call(secret, 'POST', '/threads', {})).json()).thread_id
}
const start = (secret: string, threadId: string, signal?: AbortSignal, on = s) =>
  fetch(`${on.api}/threads/${threadId}/runs/stream`, {
    method: 'POST',
    signal,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input: { input: { input: 'go' } } }),
  })

describe('run limits', () => {
  it('caps open answer streams per client secret (new runs and rejoins) with 429 too_many_streams', async () => {
    const a = await s.session('limits-a', 'slow')
    const b = await s.session('limits-b', 'slow')
    const cut = new AbortController()
    const first = await start(a, await slowThread(a), cut.signal)
    expect(first.status).toBe(200)
    const threadId = await slowThread(a)
    const second = await start(a, threadId)
    expect(second.status).toBe(200)
    // A third stream of the same secret, new run or rejoin, is refused, and starts no run.
    const third = await start(a, await slowThread(a))
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('1')
    expect((await third.json()).error).toEqual({
      code: 'too_many_streams',
      message: "this client secret already has 2 open answer streams (the server's limit); close one first",
      request_id: third.headers.get('x-request-id'),
    })
    const join = await s.call(a, 'GET', `/threads/${threadId}/runs/${second.headers.get('x-run-id')}/stream`)
    expect(join.status).toBe(429)
    // Another secret has its own slots.
    expect((await start(b, await slowThread(b))).status).toBe(200)
    // A stream the client closes gives its slot back.
    cut.abort()
    const deadline = Date.now() + 5000
    let again = await s.call(a, 'GET', `/threads/${threadId}/runs/${second.headers.get('x-run-id')}/stream`)
    while (again.status === 429 && Date.now() < deadline) {
      await again.body?.cancel()
      await new Promise((r) => setTimeout(r, 20))
      again = await s.call(a, 'GET', `/threads/${threadId}/runs/${second.headers.get('x-run-id')}/stream`)
    }
    expect(again.status).toBe(200)
    await again.body?.cancel()
    await second.body?.cancel()
  })

  it('stops a run past maxRunMs: status error, code run_timeout, partial answer kept', async () => {
    const a = await t.session('limits-time', 'slow')
    const threadId = await slowThread(a, t)
    const started = Date.now()
    const res = await start(a, threadId, undefined, t)
    const envs = envelopesOf(await res.text())
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
    expect(textOf(envs)).toBe('started ')
    expect(eventsNamed(envs, 'on_conversation_end')).toEqual([
      {
        id: threadId,
        status: 'error',
        code: 'run_timeout',
        error: "run_timeout: the answer took longer than this server's limit of 400 ms and was stopped",
      },
    ])
    const run = t.store.db.prepare('SELECT status, error FROM runs WHERE id = ?').get(res.headers.get('x-run-id')) as { status: string; error: string }
    expect(run).toEqual({ status: 'error', error: expect.stringMatching(/^run_timeout: /) })
    const items = (await (await t.call(a, 'GET', `/conversations/${threadId}/messages`)).json()).items
    expect(items[1]).toMatchObject({ status: 'error', content: [{ type: 'text', text: 'started ' }] })
  })

  it('refuses limits that are not positive whole numbers', () => {
    const base = { store: s.store, agents: [slow], apiKeys: ['k'.repeat(16)] }
    expect(() => createChatKitHandler({ ...base, maxRunMs: 0 })).toThrow(/maxRunMs must be a positive integer/)
    expect(() => createChatKitHandler({ ...base, maxStreamsPerSecret: 1.5 })).toThrow(/maxStreamsPerSecret must be a positive integer/)
  })
})
