import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse } from '../testing/sse.js'

const makers = defineAgent({
  id: 'makers',
  name: 'Makers',
  async *run(ctx) {
    if (ctx.input.text === 'bad') yield { type: 'artifact', artifact: { kind: 'pdf', title: 'x', content: '' } } as unknown as AgentEvent
    yield { type: 'artifact', id: 'page', artifact: { kind: 'html', title: 'Page', content: '<p>hi</p>', extra: 1 } as never }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [makers] })))
afterAll(() => s.close())

async function run(text: string) {
  const secret = await s.session('u', 'makers')
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), assistant_id: 'makers' })
  const events = parseSse(await res.text()).filter((e) => !e.comment).map((e) => JSON.parse(e.data))
  const row = s.store.db.prepare("SELECT content FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as { content: string }
  return { events, stored: JSON.parse(row.content) }
}

describe('agent artifact event', () => {
  it('streams and stores an Artifact component with only the spec fields', async () => {
    const { events, stored } = await run('go')
    const part = { type: 'component', id: 'page', data: { category: 'Dashboard', type: 'Artifact', title: 'Page', artifact: { kind: 'html', title: 'Page', content: '<p>hi</p>' } } }
    expect(events).toContainEqual({ type: 'message', data: part })
    expect(stored).toEqual([part])
  })
  it('ends the run with a clear error when the artifact is wrong', async () => {
    const { events } = await run('bad')
    expect(events.at(-2).data).toMatchObject({ status: 'error', error: expect.stringMatching(/agent artifact event: unknown artifact kind "pdf"/) })
  })
})
