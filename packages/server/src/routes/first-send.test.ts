/**
 * A first message in one round trip (issue 18): `if_not_exists: 'create'` makes the run request
 * create its thread under the client's UUID, and `POST /conversations` (XpertAI's "New chat")
 * creates an empty conversation that history lists at once.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { envelopesOf, textOf } from '../testing/envelopes.js'
import { planDemoAnswer } from '../agent/demo/demo-answer.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 0 })))
afterAll(() => s.close())

const search = async (secret: string) =>
  (await (await s.call(secret, 'POST', '/conversations/search', { where: { xpertId: 'demo' }, limit: 50 })).json()) as {
    items: { id: string; title: string | null }[]
    total: number
  }
const run = (secret: string, threadId: string, text: string, extra: Record<string, unknown> = {}) =>
  s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), ...extra })

describe('runs/stream with if_not_exists: "create"', () => {
  it('creates the thread under the client’s id and streams the answer in the same request', async () => {
    const secret = await s.session('first-1')
    const id = randomUUID()
    expect((await s.call(secret, 'GET', `/threads/${id}`)).status).toBe(404)
    const res = await run(secret, id, 'hello at once', { if_not_exists: 'create' })
    expect(res.status).toBe(200)
    const envs = envelopesOf(await res.text())
    expect(envs[0]).toMatchObject({ type: 'event', event: 'on_conversation_start', data: { id } })
    expect(textOf(envs)).toBe(planDemoAnswer('hello at once').answer)
    expect((await search(secret)).items.map((c) => c.id)).toEqual([id])
    // The same id again is the same thread: a second message continues it.
    expect((await run(secret, id, 'and again', { if_not_exists: 'create' })).status).toBe(200)
    expect((await search(secret)).total).toBe(1)
  })

  it('without it, an unknown thread is still a 404; someone else’s thread is a 404 either way; junk is a 400', async () => {
    const a = await s.session('first-2a')
    const b = await s.session('first-2b')
    expect((await run(a, randomUUID(), 'x')).status).toBe(404)
    const mine = randomUUID()
    await (await run(a, mine, 'mine', { if_not_exists: 'create' })).text()
    const stolen = await run(b, mine, 'steal', { if_not_exists: 'create' })
    expect(stolen.status).toBe(404)
    expect((await search(b)).total).toBe(0)
    expect((await run(a, 'not-a-uuid', 'x', { if_not_exists: 'create' })).status).toBe(404)
    const bad = await run(a, randomUUID(), 'x', { if_not_exists: 'maybe' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toBe('if_not_exists: expected "create" or "reject"')
    const other = await run(a, randomUUID(), 'x', { if_not_exists: 'create', assistant_id: 'echo' })
    expect(other.status).toBe(403)
  })
})

describe('POST /conversations', () => {
  it('creates an empty conversation (201) that history lists at once, with no messages', async () => {
    const secret = await s.session('conv-new')
    const res = await s.call(secret, 'POST', '/conversations', { xpertId: 'demo', title: '  Planning   notes ' })
    expect(res.status).toBe(201)
    const conv = await res.json()
    expect(conv).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      threadId: conv.id,
      title: 'Planning notes',
      status: 'idle',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    expect((await search(secret)).items).toEqual([expect.objectContaining({ id: conv.id, title: 'Planning notes' })])
    expect(await (await s.call(secret, 'GET', `/conversations/${conv.id}/messages`)).json()).toEqual({ items: [], total: 0 })
    // It is a thread like any other: the first message runs on it.
    const envs = envelopesOf(await (await run(secret, conv.id, 'first words')).text())
    expect(textOf(envs)).toBe(planDemoAnswer('first words').answer)
    // No body at all is fine (an untitled conversation).
    expect((await s.call(secret, 'POST', '/conversations')).status).toBe(201)
  })

  it('refuses another assistant’s xpertId (403) and a projectId (400)', async () => {
    const secret = await s.session('conv-bad')
    expect((await s.call(secret, 'POST', '/conversations', { xpertId: 'echo' })).status).toBe(403)
    const p = await s.call(secret, 'POST', '/conversations', { projectId: 'p1' })
    expect(p.status).toBe(400)
    expect((await p.json()).error.message).toBe('projectId: this server has no projects')
    expect((await search(secret)).total).toBe(0)
  })
})
