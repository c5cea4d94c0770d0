import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer()))
afterAll(() => s.close())

describe('threads and ownership', () => {
  it('creates and reads back a thread', async () => {
    const secret = await s.session('alice')
    const res = await s.call(secret, 'POST', '/threads', { assistant_id: 'demo', metadata: { topic: 'q2' } })
    expect(res.status).toBe(200)
    const t = await res.json()
    expect(t).toMatchObject({ metadata: { topic: 'q2' }, status: 'idle' })
    expect(t.thread_id).toMatch(/^[0-9a-f-]{36}$/)
    const got = await (await s.call(secret, 'GET', `/threads/${t.thread_id}`)).json()
    expect(got).toEqual(t)
  })

  it('accepts an empty body', async () => {
    const secret = await s.session('alice')
    expect((await s.call(secret, 'POST', '/threads')).status).toBe(200)
  })

  it('refuses a thread for another assistant than the secret is scoped to', async () => {
    const secret = await s.session('alice')
    const res = await s.call(secret, 'POST', '/threads', { assistant_id: 'other' })
    expect(res.status).toBe(403)
    expect((await res.json()).error.message).toMatch(/^assistant_id:/)
  })

  it("gives 404 on another user's thread, messages and runs", async () => {
    const a = await s.session('alice')
    const b = await s.session('bob')
    const id = await s.thread(b)
    await (await s.call(b, 'POST', `/threads/${id}/runs/stream`, s.runBody('hi'))).text()
    const runs = s.store.db.prepare('SELECT id FROM runs WHERE thread_id = ?').all(id) as { id: string }[]
    expect(runs).toHaveLength(1)
    for (const [method, path] of [
      ['GET', `/threads/${id}`],
      ['GET', `/conversations/${id}/messages`],
      ['POST', `/threads/${id}/runs/stream`],
      ['GET', `/threads/${id}/runs/${runs[0].id}/stream`],
      ['POST', `/threads/${id}/runs/${runs[0].id}/cancel`],
    ]) {
      const res = await s.call(a, method, path, method === 'POST' ? s.runBody('steal') : undefined)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
    // Bob still sees his own thread.
    expect((await s.call(b, 'GET', `/threads/${id}`)).status).toBe(200)
  })

  it('gives 404 for unknown and malformed thread ids', async () => {
    const a = await s.session('alice')
    expect((await s.call(a, 'GET', '/threads/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await s.call(a, 'GET', '/threads/..%2F..%2Fetc')).status).toBe(404)
  })

  it('returns the assistant of the secret, and 404 for others', async () => {
    const a = await s.session('alice')
    const res = await s.call(a, 'GET', '/assistants/demo')
    expect(await res.json()).toMatchObject({ assistant_id: 'demo', name: 'ChatKit demo' })
    expect((await s.call(a, 'GET', '/assistants/other')).status).toBe(404)
  })

  it('paginates messages oldest first and validates limit/offset', async () => {
    const a = await s.session('alice')
    const id = await s.thread(a)
    for (const q of ['one', 'two']) await (await s.call(a, 'POST', `/threads/${id}/runs/stream`, s.runBody(q))).text()
    const all = await (await s.call(a, 'GET', `/conversations/${id}/messages`)).json()
    expect(all.total).toBe(4)
    expect(all.items.map((m: { role: string }) => m.role)).toEqual(['human', 'ai', 'human', 'ai'])
    expect(all.items[2].content).toBe('two')
    const page = await (await s.call(a, 'GET', `/conversations/${id}/messages?limit=2&offset=1`)).json()
    expect(page.items.map((m: { id: string }) => m.id)).toEqual(all.items.slice(1, 3).map((m: { id: string }) => m.id))
    for (const q of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc']) {
      const res = await s.call(a, 'GET', `/conversations/${id}/messages?${q}`)
      expect(res.status, q).toBe(400)
      expect((await res.json()).error.message).toMatch(new RegExp(`^${q.split('=')[0]}:`))
    }
  })
})
