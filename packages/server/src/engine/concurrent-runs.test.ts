/**
 * Two clients (two tabs) sending to one thread at the same moment, both with
 * `followUpMode:'queue'`: one streams, the other is queued; each message is stored once, and the
 * stored transcript reads question, answer, question, answer (a queued question is stored after
 * the answer already under way, never between a question and its answer).
 */
import { defineAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse } from '../testing/sse.js'

const echo = defineAgent({
  id: 'echo',
  name: 'Echo',
  async *run(ctx) {
    await ctx.sleep(20)
    yield { type: 'text', text: `re:${ctx.input.text}|${ctx.history.length}` }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [echo], delayMs: 0 })))
afterAll(() => s.close())

const body = (text: string) => ({ assistant_id: 'echo', input: { input: { input: text } }, followUpMode: 'queue' })

/** Sends `text` and reads its run to the end: the stream itself, or the queued run's joined stream. */
async function send(secret: string, threadId: string, text: string): Promise<number> {
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, body(text))
  if (res.status === 202) {
    const { run_id } = await res.json()
    const joined = await s.call(secret, 'GET', `/threads/${threadId}/runs/${run_id}/stream`)
    const end = parseSse(await joined.text())
      .filter((e) => e.data)
      .map((e) => JSON.parse(e.data))
    expect(end.at(-1)).toMatchObject({ type: 'event', event: 'on_conversation_end' })
    return 202
  }
  expect(res.status).toBe(200)
  await res.text()
  return 200
}

describe('concurrent sends on one thread', () => {
  it('queue the second, store each message once, and keep every answer right after its question', async () => {
    const secret = await s.session('two-tabs', 'echo')
    const statuses: number[] = []
    for (let round = 0; round < 15; round++) {
      const threadId = (await (await s.call(secret, 'POST', '/threads', { assistant_id: 'echo' })).json()).thread_id
      statuses.push(...(await Promise.all([send(secret, threadId, `a${round}`), send(secret, threadId, `b${round}`)])))
      const rows = s.store.db.prepare('SELECT role, content FROM messages WHERE thread_id = ? ORDER BY seq').all(threadId) as {
        role: string
        content: string
      }[]
      const transcript = rows.map((r) => (r.role === 'human' ? JSON.parse(r.content) : JSON.parse(r.content)[0]?.text))
      const [first, second] = transcript[0] === `a${round}` ? [`a${round}`, `b${round}`] : [`b${round}`, `a${round}`]
      // The second run's agent saw the whole first turn (2 messages) as history.
      expect(transcript).toEqual([first, `re:${first}|0`, second, `re:${second}|2`])
    }
    // Both paths were taken: every round one streamed and one was queued.
    expect(statuses.filter((x) => x === 202)).toHaveLength(15)
  })

  it("store a message queued between a run's question and its answer after that answer", async () => {
    const secret = await s.session('two-tabs', 'echo')
    const threadId = (await (await s.call(secret, 'POST', '/threads', { assistant_id: 'echo' })).json()).thread_id
    // Hold the first run between storing its question and creating its answer (the thread's
    // 'busy' status is written in between).
    const threads = s.store.threads as { setStatus: (...a: unknown[]) => Promise<void> }
    const setStatus = threads.setStatus
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    threads.setStatus = async (...a) => {
      if (a[0] === threadId && a[1] === 'busy') await gate
      return setStatus.apply(threads, a)
    }
    const runs = () => (s.store.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE thread_id = ?').get(threadId) as { n: number }).n
    try {
      const first = send(secret, threadId, 'first')
      await expect.poll(runs).toBe(1)
      const second = send(secret, threadId, 'second')
      // The second request reached the engine (its queued run exists) while the first is held.
      await expect.poll(runs).toBe(2)
      release()
      expect(await Promise.all([first, second])).toEqual([200, 202])
    } finally {
      threads.setStatus = setStatus
    }
    const rows = s.store.db.prepare('SELECT role, content FROM messages WHERE thread_id = ? ORDER BY seq').all(threadId) as { role: string; content: string }[]
    expect(rows.map((r) => (r.role === 'human' ? JSON.parse(r.content) : JSON.parse(r.content)[0]?.text))).toEqual([
      'first',
      're:first|0',
      'second',
      're:second|2',
    ])
  })
})
