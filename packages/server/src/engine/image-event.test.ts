import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { runAnswer } from '../testing/answer-run.js'

const pictures = defineAgent({
  id: 'pictures',
  name: 'Pictures',
  async *run(ctx) {
    yield { type: 'text', text: 'Here:' }
    if (ctx.input.text === 'bad') yield { type: 'image', url: 42 } as unknown as AgentEvent
    yield { type: 'image', url: 'https://img.example.com/a.png' }
    yield { type: 'text', text: 'done' }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [pictures] })))
afterAll(() => s.close())

const run = (text: string) => runAnswer(s, 'pictures', text)

describe('agent image event', () => {
  it('streams and stores an image_url part between the texts around it', async () => {
    const { events, stored } = await run('go')
    expect(events).toContainEqual({ type: 'message', data: { type: 'image_url', image_url: { url: 'https://img.example.com/a.png' } } })
    expect(stored.map((p: { type: string }) => p.type)).toEqual(['text', 'image_url', 'text'])
    expect(stored[1]).toEqual({ type: 'image_url', image_url: { url: 'https://img.example.com/a.png' } })
  })

  it('ends the run with a clear error when the url is not a string', async () => {
    const { events } = await run('bad')
    expect(events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(/agent image event: url must be a non-empty string/) })
  })
})
