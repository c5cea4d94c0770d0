import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse } from '../testing/sse.js'

const SALES = { chartType: 'bar' as const, labels: ['Q1', 'Q2'], series: [{ name: 'Sales', values: [3, 5] }], unit: 'k€', title: 'Sales' }

const charts = defineAgent({
  id: 'charts',
  name: 'Charts',
  async *run(ctx) {
    if (ctx.input.text === 'bad') yield { type: 'chart', chart: { ...SALES, series: [{ name: 'Sales', values: [3] }] } } as unknown as AgentEvent
    yield { type: 'chart', id: 'sales', chart: { ...SALES, series: [{ name: 'Sales', values: [3, 5], extra: '<x>' } as never] } }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [charts] })))
afterAll(() => s.close())

async function run(text: string) {
  const secret = await s.session('u', 'charts')
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), assistant_id: 'charts' })
  const events = parseSse(await res.text()).filter((e) => !e.comment).map((e) => JSON.parse(e.data))
  const row = s.store.db.prepare("SELECT content FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as { content: string }
  return { events, stored: JSON.parse(row.content) }
}

describe('agent chart event', () => {
  it('streams and stores a widget whose card holds one Chart node with only the spec fields', async () => {
    const { events, stored } = await run('go')
    const widget = { type: 'Card', children: [{ type: 'Chart', chartType: 'bar', labels: ['Q1', 'Q2'], series: [{ name: 'Sales', values: [3, 5] }], unit: 'k€', title: 'Sales' }] }
    const part = { type: 'component', id: 'sales', data: { category: 'Dashboard', type: 'Widget', title: 'Sales', widget } }
    expect(events).toContainEqual({ type: 'message', data: part })
    expect(stored).toEqual([part])
  })

  it('ends the run with a clear error when the spec is wrong', async () => {
    const { events } = await run('bad')
    expect(events.at(-2).data).toMatchObject({ status: 'error', error: expect.stringMatching(/agent chart event: series\[0\]\.values must hold one number per label \(2\)/) })
  })
})
