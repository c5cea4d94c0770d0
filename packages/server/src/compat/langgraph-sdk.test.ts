import { Client } from '@langchain/langgraph-sdk'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { planDemoAnswer } from '../agent/demo/demo-answer.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

/** The official LangGraph JS SDK, unmodified, against our server. */
let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 2 })))
afterAll(() => s.close())

type Part = { id?: string; event: string; data: unknown }
const input = (text: string) => ({ input: { input: text } })
const envs = (parts: Part[]) => parts.filter((p) => p.data && typeof p.data === 'object').map((p) => p.data as StreamEnvelope)

const secrets = new WeakMap<Client, string>()
async function client(user: string) {
  const secret = await s.session(user)
  const c = new Client({ apiUrl: s.api, apiKey: secret })
  secrets.set(c, secret)
  return c
}

describe('@langchain/langgraph-sdk against our server', () => {
  it('threads.create and runs.stream yield our envelopes, with the run id from Content-Location', async () => {
    const c = await client('lg-1')
    const thread = await c.threads.create({ metadata: { from: 'sdk' } })
    expect(thread.thread_id).toMatch(/^[0-9a-f-]{36}$/)
    let created: { run_id: string; thread_id?: string } | undefined
    const parts: Part[] = []
    for await (const p of c.runs.stream(thread.thread_id, 'demo', { input: input('hello sdk'), onRunCreated: (m) => void (created = m) })) parts.push(p as Part)
    expect(created).toEqual({ run_id: expect.stringMatching(/^[0-9a-f-]{36}$/), thread_id: thread.thread_id })
    const e = envs(parts)
    expect(e[0]).toMatchObject({ type: 'event', event: 'on_conversation_start', data: { id: thread.thread_id, runId: created!.run_id } })
    expect(textOf(e)).toBe(planDemoAnswer('hello sdk').answer)
    // Streamed to the end: the run's closing event is the last part, then the SDK's iterator ends.
    expect(parts.at(-1)).toMatchObject({ data: { type: 'event', event: 'on_conversation_end', data: { id: thread.thread_id, status: 'idle' } } })
    expect(parts.every((p) => /^\d+-0$/.test(p.id ?? ''))).toBe(true)
  })

  it('a dropped stream rejoined with joinStream(lastEventId) loses and repeats nothing (byte-identical text)', async () => {
    const c = await client('lg-2')
    const thread = await c.threads.create()
    const abort = new AbortController()
    let runId = ''
    const first: Part[] = []
    try {
      for await (const p of c.runs.stream(thread.thread_id, 'demo', {
        input: input('drop me'),
        signal: abort.signal,
        onRunCreated: (m) => void (runId = m.run_id),
      })) {
        first.push(p as Part)
        if (first.length === 40) abort.abort()
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e
    }
    expect(first.length).toBe(40)
    const rest: Part[] = []
    for await (const p of c.runs.joinStream(thread.thread_id, runId, { lastEventId: first.at(-1)!.id })) rest.push(p as Part)
    const ids = [...first, ...rest].map((p) => Number(p.id!.split('-')[0]))
    expect(ids).toEqual(ids.map((_, i) => i + 1))
    expect(textOf(envs([...first, ...rest]))).toBe(planDemoAnswer('drop me').answer)
    const stored = (await (await s.call(secrets.get(c)!, 'GET', `/conversations/${thread.thread_id}/messages`)).json()).items[1]
    expect(stored.content[0].text).toBe(planDemoAnswer('drop me').answer)
  })

  it('runs.cancel stops the run and the stream ends as cancelled', async () => {
    const c = await client('lg-3')
    const thread = await c.threads.create()
    const parts: Part[] = []
    let runId = ''
    for await (const p of c.runs.stream(thread.thread_id, 'demo', { input: input('cancel me long'), onRunCreated: (m) => void (runId = m.run_id) })) {
      parts.push(p as Part)
      if (parts.length === 10) await c.runs.cancel(thread.thread_id, runId)
    }
    expect(envs(parts).find((e) => e.type === 'event' && e.event === 'on_conversation_end')).toMatchObject({ data: { status: 'cancelled' } })
    const run = await c.runs.get(thread.thread_id, runId)
    expect(run.status).toBe('cancelled')
  })
})
