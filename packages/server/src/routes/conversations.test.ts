import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 0 })))
afterAll(() => s.close())

async function converse(secret: string, text: string) {
  const id = await s.thread(secret)
  await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody(text))).text()
  return id
}
const search = (secret: string, body: Record<string, unknown>) =>
  s.call(secret, 'POST', '/conversations/search', { where: { xpertId: 'demo' }, order: { updatedAt: 'DESC' }, ...body })

describe('conversation history', () => {
  it('titles a conversation from the first message and lists the caller’s own, newest first, paginated', async () => {
    const a = await s.session('hist-a')
    const b = await s.session('hist-b')
    const ids: string[] = []
    for (const t of ['alpha question', 'beta question', 'gamma question']) {
      ids.push(await converse(a, t))
      s.clock.advance(1000)
    }
    await converse(b, 'bob private')
    const all = await (await search(a, { limit: 10, offset: 0 })).json()
    expect(all.total).toBe(3)
    expect(all.items.map((c: { title: string }) => c.title)).toEqual(['gamma question', 'beta question', 'alpha question'])
    expect(all.items[0]).toEqual({
      id: ids[2],
      threadId: ids[2],
      title: 'gamma question',
      status: 'idle',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    const page = await (await search(a, { limit: 1, offset: 1 })).json()
    expect(page).toMatchObject({ total: 3, items: [{ id: ids[1] }] })
    expect(await (await search(a, { where: { xpertId: 'other' } })).json()).toEqual({ items: [], total: 0 })
    const thread = await (await s.call(a, 'GET', `/threads/${ids[0]}`)).json()
    expect(thread.metadata.title).toBe('alpha question')
  })

  it('searches titles and message text (LIKE wildcards are literal)', async () => {
    const a = await s.session('hist-search')
    const id = await converse(a, 'where is the zebra')
    await converse(a, 'something else')
    expect((await (await search(a, { search: 'zebra' })).json()).items.map((c: { id: string }) => c.id)).toEqual([id])
    // The demo answer says "ChatKit demo agent": content matches too.
    expect((await (await search(a, { search: 'demo agent' })).json()).total).toBe(2)
    expect((await (await search(a, { search: '%' })).json()).total).toBe(0)
  })

  it('cuts a long first message on a word boundary', async () => {
    const a = await s.session('hist-long')
    const id = await converse(a, 'This is a rather long first message that goes on and on well past sixty characters for sure')
    const c = await (await s.call(a, 'GET', `/conversations/${id}`)).json()
    expect(c.title).toBe('This is a rather long first message that goes on and on well…')
  })

  it('renames, gets and deletes; another user gets 404 for each', async () => {
    const a = await s.session('hist-owner')
    const b = await s.session('hist-thief')
    const id = await converse(a, 'to rename')
    for (const [method, body] of [['GET'], ['PATCH', { title: 'x' }], ['DELETE']] as const) {
      const res = await s.call(b, method, `/conversations/${id}`, body)
      expect(res.status, method).toBe(404)
    }
    const renamed = await (await s.call(a, 'PATCH', `/conversations/${id}`, { title: '  New   name ' })).json()
    expect(renamed.title).toBe('New name')
    expect((await (await s.call(a, 'GET', `/conversations/${id}`)).json()).title).toBe('New name')
    expect((await s.call(a, 'PATCH', `/conversations/${id}`, { title: '' })).status).toBe(400)
    expect((await s.call(a, 'DELETE', `/conversations/${id}`)).status).toBe(200)
    expect((await s.call(a, 'GET', `/conversations/${id}`)).status).toBe(404)
    expect((await s.call(a, 'GET', `/conversations/${id}/messages`)).status).toBe(404)
  })

  it('validates the search body', async () => {
    const a = await s.session('hist-bad')
    for (const [body, field] of [
      [{ limit: 0 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ order: { createdAt: 'ASC' } }, 'order'],
      [{ where: 'x' }, 'where'],
      // Objects whose String() throws, or arrays that stringify to 'desc', were a 500 / accepted.
      [{ order: { updatedAt: { toString: 'x', valueOf: 1 } } }, 'order'],
      [{ order: { updatedAt: ['desc'] } }, 'order'],
    ] as const) {
      const res = await search(a, body)
      expect(res.status).toBe(400)
      expect((await res.json()).error.message.startsWith(`${field}:`)).toBe(true)
    }
  })
})

describe('feedback', () => {
  it('stores one feedback per message per user, replacing it; only on answers; only the owner', async () => {
    const a = await s.session('fb-a')
    const b = await s.session('fb-b')
    const id = await converse(a, 'rate me')
    const [human, ai] = (await (await s.call(a, 'GET', `/conversations/${id}/messages`)).json()).items
    const path = `/conversations/${id}/messages/${ai.id}/feedbacks`
    expect(await (await s.call(a, 'POST', path, { rating: 'like' })).json()).toMatchObject({ messageId: ai.id, rating: 'like', content: null })
    expect(await (await s.call(a, 'POST', path, { rating: 'dislike', content: 'too long' })).json()).toMatchObject({ rating: 'dislike', content: 'too long' })
    expect(await (await s.call(a, 'GET', path)).json()).toMatchObject({ total: 1, items: [{ rating: 'dislike' }] })
    expect((await s.call(a, 'POST', path, { rating: 'meh' })).status).toBe(400)
    expect((await s.call(a, 'POST', `/conversations/${id}/messages/${human.id}/feedbacks`, { rating: 'like' })).status).toBe(400)
    expect((await s.call(b, 'POST', path, { rating: 'like' })).status).toBe(404)
    expect((await s.call(a, 'POST', `/conversations/${id}/messages/00000000-0000-4000-8000-000000000000/feedbacks`, { rating: 'like' })).status).toBe(404)
  })

  it('comes back with the answers in the message list, for the rater only', async () => {
    const a = await s.session('fb-list')
    const id = await converse(a, 'rate me later')
    const [, ai] = (await (await s.call(a, 'GET', `/conversations/${id}/messages`)).json()).items
    expect(ai.feedback).toBeUndefined()
    await s.call(a, 'POST', `/conversations/${id}/messages/${ai.id}/feedbacks`, { rating: 'dislike' })
    const [human, rated] = (await (await s.call(a, 'GET', `/conversations/${id}/messages`)).json()).items
    expect(rated.feedback).toEqual({ rating: 'dislike' })
    expect(human.feedback).toBeUndefined()
  })
})

describe('human messages in the history', () => {
  it('carry the files and references they were sent with (XpertAI attachments / references), plain ones neither', async () => {
    const a = await s.session('own-extras')
    const form = new FormData()
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt')
    const file = await (await fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${a}` }, body: form })).json()
    const id = await s.thread(a)
    const references = [
      { type: 'entity', id: 'u1', title: 'Ada' },
      { type: 'quote', text: 'the quoted part' },
    ]
    const plainBody = s.runBody('look at this')
    const body = {
      ...plainBody,
      input: { ...plainBody.input, input: { input: 'look at this', files: [{ id: file.id, name: file.name, mimeType: file.mimeType }], references } },
    }
    await (await s.call(a, 'POST', `/threads/${id}/runs/stream`, body)).text()
    await (await s.call(a, 'POST', `/threads/${id}/runs/stream`, s.runBody('plain'))).text()
    const [human, ai, plain] = (await (await s.call(a, 'GET', `/conversations/${id}/messages`)).json()).items
    expect(human.attachments).toEqual([{ id: file.id, name: 'notes.txt', mimeType: 'text/plain', size: 5 }])
    expect(human.references).toEqual(references)
    expect(ai.attachments).toBeUndefined()
    expect(plain).toMatchObject({ role: 'human', content: 'plain' })
    expect(plain.attachments).toBeUndefined()
    expect(plain.references).toBeUndefined()
  })
})
