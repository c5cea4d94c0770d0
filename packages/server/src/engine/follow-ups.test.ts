import { defineAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsNamed, envelopesOf, textOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { streamReader } from '../testing/sse.js'

/** Answers after the test opens its gate; says what it heard and how long the history was. */
// `open()` lets one run through, whether it is already waiting or arrives later (no timing races).
let credits = 0
let waiting: (() => void) | null = null
function open() {
  if (waiting) {
    const w = waiting
    waiting = null
    w()
  } else credits++
}
const gated = defineAgent({
  id: 'gated',
  name: 'Gated',
  async *run(ctx) {
    yield { type: 'text', text: `[${ctx.input.text}|${ctx.history.length}]` }
    if (credits > 0) credits--
    else await new Promise<void>((r) => (waiting = r))
  },
})
/** Waits for a steered message and answers it inside the same run. */
const steerable = defineAgent({
  id: 'steerable',
  name: 'Steerable',
  async *run(ctx) {
    yield { type: 'text', text: `first:${ctx.input.text}` }
    const next = await ctx.followUps.next()
    yield { type: 'text', text: ` then:${next?.text}` }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [gated, steerable], delayMs: 0 })))
afterAll(() => s.close())

const newThread = async (secret: string) => (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id as string
/** The agent is running: its first text reached the stream. */
const started = (sse: string) => sse.includes('"type":"text"')
const body = (text: string, extra: Record<string, unknown> = {}) => ({ input: { input: { input: text } }, ...extra })

describe('follow-ups while a run is active', () => {
  it('refuses without a mode (409), queues with followUpMode queue, and runs the queued message afterwards', async () => {
    const secret = await s.session('fu', 'gated')
    const id = await newThread(secret)
    const first = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('one'))
    const firstRun = first.headers.get('x-run-id')!
    expect(first.headers.get('content-location')).toBe(`/threads/${id}/runs/${firstRun}`)
    expect(first.headers.get('location')).toBe(`/threads/${id}/runs/${firstRun}/stream`)
    const firstStream = streamReader(first)
    await firstStream.until(started)
    const refused = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('nope'))
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.code).toBe('run_in_progress')

    const queued = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('two', { followUpMode: 'queue' }))
    expect(queued.status).toBe(202)
    const q = await queued.json()
    expect(q).toMatchObject({ thread_id: id, status: 'pending', follow_up: 'queued', user_message_id: expect.any(String) })
    expect((await (await s.call(secret, 'GET', `/threads/${id}/runs/${q.run_id}`)).json()).status).toBe('pending')
    const joined = s.call(secret, 'GET', `/threads/${id}/runs/${q.run_id}/stream`)

    open()
    const firstEnvs = envelopesOf(await firstStream.all())
    expect(eventsNamed(firstEnvs, 'on_chat_event')).toContainEqual(expect.objectContaining({ type: 'follow_up_queued', runId: q.run_id }))
    // The queued run now starts; `open()` lets it through whether or not it reached its gate yet.
    open()
    const envs = envelopesOf(await (await joined).text())
    expect(eventsNamed(envs, 'on_conversation_start')[0].userMessage!.id).toBe(q.user_message_id)
    // The queued run sees the whole first exchange as history.
    expect(textOf(envs)).toBe('[two|2]')
    expect((await (await s.call(secret, 'GET', `/threads/${id}/runs/${q.run_id}`)).json()).status).toBe('success')
    const items = (await (await s.call(secret, 'GET', `/conversations/${id}/messages`)).json()).items
    expect(items.map((m: { role: string }) => m.role)).toEqual(['human', 'ai', 'human', 'ai'])
  })

  it('cancels a queued run before it starts', async () => {
    const secret = await s.session('fu-cancel', 'gated')
    const id = await newThread(secret)
    const first = streamReader(await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('one')))
    await first.until(started)
    const q = await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('two', { followUpMode: 'queue' }))).json()
    expect((await s.call(secret, 'POST', `/threads/${id}/runs/${q.run_id}/cancel`)).status).toBe(202)
    const envs = envelopesOf(await (await s.call(secret, 'GET', `/threads/${id}/runs/${q.run_id}/stream`)).text())
    expect(eventsNamed(envs, 'on_conversation_end')).toEqual([{ status: 'cancelled' }])
    expect((await (await s.call(secret, 'GET', `/threads/${id}/runs/${q.run_id}`)).json()).status).toBe('cancelled')
    open()
    await first.all()
  })

  it('steers a message into the running agent, which answers it in the same run', async () => {
    const secret = await s.session('fu-steer', 'steerable')
    const id = await newThread(secret)
    const first = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('a'))
    const runId = first.headers.get('x-run-id')
    const firstStream = streamReader(first)
    await firstStream.until(started)
    const steered = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body('b', { followUpMode: 'steer' }))
    expect(steered.status).toBe(202)
    const st = await steered.json()
    expect(st).toMatchObject({ run_id: runId, follow_up: 'steered', status: 'running' })
    const envs = envelopesOf(await firstStream.all())
    expect(textOf(envs)).toBe('first:a then:b')
    expect(eventsNamed(envs, 'on_chat_event')).toContainEqual({ type: 'follow_up_consumed', messageIds: [st.user_message_id] })
  })
})

describe('GET /threads/{id}/runs/{run_id} and limits', () => {
  it('reports a run’s status and 404s for others', async () => {
    const a = await s.session('run-a')
    const b = await s.session('run-b')
    const id = await s.thread(a)
    const res = await s.call(a, 'POST', `/threads/${id}/runs/stream`, s.runBody('hi'))
    const runId = res.headers.get('x-run-id')!
    await res.text()
    const run = await (await s.call(a, 'GET', `/threads/${id}/runs/${runId}`)).json()
    expect(run).toEqual({
      run_id: runId,
      thread_id: id,
      assistant_id: 'demo',
      status: 'success',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    })
    expect((await s.call(b, 'GET', `/threads/${id}/runs/${runId}`)).status).toBe(404)
  })

  it('rate-limits per client secret with 429 JSON and Retry-After', async () => {
    const limited = await startTestServer({ rateLimit: { perSecond: 1, burst: 3 } })
    try {
      const a = await limited.session('rl')
      const other = await limited.session('rl-2')
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await limited.call(a, 'POST', '/threads', {})).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const res = await limited.call(a, 'POST', '/threads', {})
      expect(res.headers.get('retry-after')).toBe('1')
      expect((await res.json()).error.code).toBe('rate_limited')
      expect((await limited.call(other, 'POST', '/threads', {})).status).toBe(200)
      limited.clock.advance(1000)
      expect((await limited.call(a, 'POST', '/threads', {})).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
