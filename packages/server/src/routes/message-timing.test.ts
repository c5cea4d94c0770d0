/** How long an answer took: stored with the AI message and sent as `durationMs` in the message list. */
import { defineAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
// Thinks for 1.5 s of the test clock before answering.
const slow = defineAgent({
  id: 'slow',
  name: 'Slow',
  async *run() {
    s.clock.advance(1500)
    yield { type: 'text', text: 'done thinking' }
  },
})
beforeAll(async () => void (s = await startTestServer({ extraAgents: [slow], delayMs: 0 })))
afterAll(() => s.close())

describe('message timing', () => {
  it('an answer carries its run time (durationMs); a question carries none; both keep createdAt/updatedAt', async () => {
    const secret = await s.session('timing', 'slow')
    const id = ((await (await s.call(secret, 'POST', '/threads', { assistant_id: 'slow' })).json()) as { thread_id: string }).thread_id
    await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, { assistant_id: 'slow', input: { input: { input: 'take your time' } } })).text()
    const [human, ai] = (await (await s.call(secret, 'GET', `/conversations/${id}/messages`)).json()).items
    expect(ai).toMatchObject({ role: 'ai', durationMs: 1500, createdAt: expect.any(String), updatedAt: expect.any(String) })
    expect(Date.parse(ai.updatedAt) - Date.parse(ai.createdAt)).toBe(1500)
    expect(human).toMatchObject({ role: 'human', createdAt: expect.any(String), updatedAt: expect.any(String) })
    expect(human.durationMs).toBeUndefined()
  })
})
