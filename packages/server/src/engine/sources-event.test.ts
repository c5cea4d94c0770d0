import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse } from '../testing/sse.js'
import { MAX_SOURCES } from './sources-event.js'

const A = { title: 'Alpha', url: 'https://a.example.com/page', snippet: 'About alpha' }
const bad = (ev: unknown) => ev as AgentEvent

const cited = defineAgent({
  id: 'cited',
  name: 'Cited',
  async *run(ctx) {
    yield { type: 'text', text: 'Alpha is first [1]; beta [2].' }
    switch (ctx.input.text) {
      case 'js url':
        yield bad({ type: 'sources', sources: [{ title: 'x', url: 'javascript:alert(1)' }] })
        return
      case 'no list':
        yield bad({ type: 'sources', sources: 'https://a.example.com' })
        return
      case 'too many':
        yield { type: 'sources', sources: Array.from({ length: MAX_SOURCES + 1 }, (_, i) => ({ url: `https://e.example.com/${i}` })) }
        return
      case 'bad suggestion':
        yield bad({ type: 'suggestions', suggestions: ['fine', 42] })
        return
    }
    yield { type: 'sources', sources: [A] }
    yield { type: 'sources', sources: [{ url: 'http://b.example.com/x?q=1', snippet: `  ${'b'.repeat(700)}  ` }] }
    yield { type: 'suggestions', suggestions: ['Old question?'] }
    yield { type: 'suggestions', suggestions: ['  Tell me more about alpha  ', 'And beta?'] }
    yield { type: 'text', text: ' Done.' }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [cited] })))
afterAll(() => s.close())

async function ask(text: string) {
  const secret = await s.session('u', 'cited')
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), assistant_id: 'cited' })
  const events = parseSse(await res.text())
    .filter((e) => !e.comment)
    .map((e) => JSON.parse(e.data))
  const history = await (await s.call(secret, 'GET', `/conversations/${threadId}/messages`)).json()
  const ai = history.items.find((m: { role: string }) => m.role === 'ai')
  return { events, ai }
}

const B = { title: 'b.example.com', url: 'http://b.example.com/x?q=1', snippet: `${'b'.repeat(599)}…` }

describe('agent sources and suggestions events', () => {
  it('stream one growing sources part and the latest suggestions, and history returns them', async () => {
    const { events, ai } = await ask('go')
    const messages = events.filter((e) => e.type === 'message').map((e) => e.data)
    expect(messages).toContainEqual({ type: 'sources', sources: [A] })
    expect(messages).toContainEqual({ type: 'sources', sources: [A, B] })
    expect(messages).toContainEqual({ type: 'suggestions', suggestions: ['Tell me more about alpha', 'And beta?'] })
    expect(ai.status).toBe('success')
    expect(ai.content).toEqual([
      { type: 'text', text: 'Alpha is first [1]; beta [2]. Done.', id: ai.id },
      { type: 'sources', sources: [A, B] },
      { type: 'suggestions', suggestions: ['Tell me more about alpha', 'And beta?'] },
    ])
  })

  it.each([
    ['js url', /agent sources event: sources\[0\]\.url must be an absolute http\(s\) URL/],
    ['no list', /agent sources event: sources must be a non-empty array/],
    ['too many', new RegExp(`agent sources event: an answer may list at most ${MAX_SOURCES} sources`)],
    ['bad suggestion', /agent suggestions event: suggestions\[1\] must be a non-empty string/],
  ])('%s: the run ends with a clear error and keeps the text already sent', async (text, error) => {
    const { events, ai } = await ask(text)
    expect(events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(error) })
    expect(ai.status).toBe('error')
    expect(ai.content).toEqual([{ type: 'text', text: 'Alpha is first [1]; beta [2].', id: ai.id }])
  })
})
