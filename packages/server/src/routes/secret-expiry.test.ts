/**
 * Client secrets that expire while the user works (issue 7, credentials): a request with an
 * expired secret changes nothing and is safe to send again with a fresh one; an open stream was
 * authorized when it opened and is not cut when its secret expires; a rejoin needs a valid secret.
 */
import { RUN_ID_HEADER, type ApiMessage } from '@xpert-ai/chatkit-protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse } from '../testing/sse.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 1 })))
afterAll(() => s.close())

const TTL = 60
const short = (user: string) => s.session(user, 'demo', { expires_after: TTL })
const expire = () => s.clock.advance(TTL * 1000)

async function messages(secret: string, threadId: string): Promise<ApiMessage[]> {
  const res = await s.call(secret, 'GET', `/conversations/${threadId}/messages?limit=100`)
  expect(res.status).toBe(200)
  return (await res.json()).items
}

const userTexts = (items: ApiMessage[]) => items.filter((m) => m.role === 'human').map((m) => JSON.stringify(m.content))

describe('expired client secrets', () => {
  it('a run sent with an expired secret gets 401 and stores nothing; resent with a fresh one, it is stored once', async () => {
    const old = await short('u-expiry-1')
    const threadId = await s.thread(old)
    const first = await s.call(old, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody('first'), clientMessageId: 'tmp_a' })
    expect(first.status).toBe(200)
    await first.text()
    expire()
    const refused = await s.call(old, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody('second'), clientMessageId: 'tmp_b' })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: { code: 'unauthorized', message: 'invalid or expired client secret', request_id: expect.any(String) } })
    // The same user's fresh secret sees the thread, with nothing from the refused request.
    const fresh = await short('u-expiry-1')
    expect(userTexts(await messages(fresh, threadId))).toHaveLength(1)
    const resent = await s.call(fresh, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody('second'), clientMessageId: 'tmp_b' })
    expect(resent.status).toBe(200)
    await resent.text()
    const texts = userTexts(await messages(fresh, threadId))
    expect(texts).toHaveLength(2)
    expect(texts[1]).toContain('second')
  })

  it('every endpoint the frame calls answers 401 to an expired secret without side effects', async () => {
    const secret = await short('u-expiry-2')
    const threadId = await s.thread(secret)
    const run = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, s.runBody('hello'))
    const runId = run.headers.get(RUN_ID_HEADER)!
    await run.text()
    const fresh = await short('u-expiry-2')
    const before = await messages(fresh, threadId)
    const ai = before.find((m) => m.role === 'ai')!
    expire()
    const calls: [string, string, unknown?][] = [
      ['POST', '/threads', { assistant_id: 'demo' }],
      ['GET', `/threads/${threadId}`],
      ['GET', `/conversations/${threadId}/messages`],
      ['POST', `/threads/${threadId}/runs/${runId}/cancel`],
      ['GET', `/threads/${threadId}/runs/${runId}/stream`],
      ['POST', `/conversations/${threadId}/messages/${ai.id}/feedbacks`, { rating: 'like' }],
    ]
    for (const [method, path, body] of calls) {
      const res = await s.call(secret, method, path, body)
      expect([method, path, res.status]).toEqual([method, path, 401])
      await res.body?.cancel()
    }
    const fresher = await short('u-expiry-2')
    expect((await messages(fresher, threadId)).length).toBe(before.length)
    const fb = await s.call(fresher, 'GET', `/conversations/${threadId}/messages/${ai.id}/feedbacks`)
    expect(JSON.stringify(await fb.json())).not.toContain('like')
  })

  it('an open stream is not cut when its secret expires; a rejoin needs a fresh secret and then replays the rest', async () => {
    const secret = await short('u-expiry-3')
    const threadId = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, s.runBody('hello again'))
    expect(res.status).toBe(200)
    const runId = res.headers.get(RUN_ID_HEADER)!
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (parseSse(text).length < 20) text += decoder.decode((await reader.read()).value, { stream: true })
    expire()
    // The same connection keeps delivering, to the end.
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    const events = parseSse(text).filter((e) => !e.comment)
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ event: 'on_conversation_end', data: { status: 'idle' } })
    // A rejoin is a new request: refused with the expired secret, served with a fresh one.
    const lastId = events[10].id!
    const stale = await s.call(secret, 'GET', `/threads/${threadId}/runs/${runId}/stream`, undefined, { 'last-event-id': lastId })
    expect(stale.status).toBe(401)
    const fresh = await short('u-expiry-3')
    const rejoin = await s.call(fresh, 'GET', `/threads/${threadId}/runs/${runId}/stream`, undefined, { 'last-event-id': lastId })
    expect(rejoin.status).toBe(200)
    const replayed = parseSse(await rejoin.text()).filter((e) => !e.comment)
    expect(replayed.map((e) => e.id)).toEqual(events.slice(11).map((e) => e.id))
  })
})
