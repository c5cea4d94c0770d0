import { defineAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textOf, envelopesOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

/** Answers with what it was given: the history's texts (its context), then the new question. */
let answers = 0
const echo = defineAgent({
  id: 'echo',
  name: 'Echo',
  async *run(ctx) {
    const said = ctx.history.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => ('text' in p ? p.text : '')).join(''))).join(' | ')
    yield { type: 'text', text: `[${said}] -> ${ctx.input.text} #${++answers}` }
  },
})

let s: TestServer
let a: string
beforeAll(async () => {
  s = await startTestServer({ extraAgents: [echo] })
  a = await s.session('branch-user', 'echo')
})
afterAll(() => s.close())

type Item = { id: string; role: 'human' | 'ai'; content: unknown; parentId?: string | null; siblingIds?: string[] }
const ask = async (threadId: string, text: string, extra: Record<string, unknown> = {}) => {
  const res = await s.call(a, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: text } }, ...extra })
  expect(res.status, await res.clone().text()).toBe(200)
  return textOf(envelopesOf(await res.text()))
}
const items = async (threadId: string): Promise<Item[]> => (await (await s.call(a, 'GET', `/conversations/${threadId}/messages`)).json()).items
const texts = (list: Item[]) => list.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content).replace(/.*"text":"([^"]*)".*/, '$1')))
const newThread = async () => (await (await s.call(a, 'POST', '/threads', {})).json()).thread_id as string

describe('branches: edit, regenerate, switch, copy', () => {
  it('an edited question answers on a new branch whose agent sees only that path; the history follows it', async () => {
    const t = await newThread()
    await ask(t, 'q1')
    await ask(t, 'q2')
    const [q1, a1, q2] = await items(t)
    const edited = await ask(t, 'q2 edited', { parentMessageId: a1.id })
    // The agent's context is q1 and its answer only: the old q2 branch is not in it.
    expect(edited).toMatch(/^\[q1 \| \[\] -> q1 #\d+\] -> q2 edited #\d+$/)
    const now = await items(t)
    expect(texts(now).slice(0, 3)).toEqual(['q1', texts([a1])[0], 'q2 edited'])
    expect(now).toHaveLength(4)
    expect(now[2]).toMatchObject({ parentId: a1.id, siblingIds: [q2.id, now[2].id] })
    expect(now[0].id).toBe(q1.id)
  })

  it('retry makes a sibling answer instead of replacing the old one; switching shows either', async () => {
    const t = await newThread()
    await ask(t, 'only question')
    const [, first] = await items(t)
    await ask(t, 'only question', { retry: true })
    const [, second] = await items(t)
    expect(second.id).not.toBe(first.id)
    expect(second.siblingIds).toEqual([first.id, second.id])
    const back = await s.call(a, 'POST', `/threads/${t}/branch`, { messageId: first.id })
    expect(back.status).toBe(200)
    expect(await back.json()).toEqual({ thread_id: t, head_id: first.id })
    expect((await items(t))[1].id).toBe(first.id)
    // The next question continues the branch shown.
    const next = await ask(t, 'follow-up')
    expect(next).toContain(` | ${texts([first])[0]}]`)
    expect(next).not.toContain(texts([second])[0])
  })

  it('branch in new chat copies the path up to a message into a new conversation; bad ids are refused', async () => {
    const t = await newThread()
    await ask(t, 'one')
    await ask(t, 'two')
    const [q1, a1] = await items(t)
    const res = await s.call(a, 'POST', `/threads/${t}/copy`, { messageId: a1.id })
    expect(res.status).toBe(200)
    const copy = (await res.json()).thread_id as string
    expect(copy).not.toBe(t)
    const copied = await items(copy)
    expect(texts(copied)).toEqual(texts([q1, a1]))
    expect(copied.map((m) => m.id)).not.toContain(q1.id)
    expect(await items(t)).toHaveLength(4)
    const answer = await ask(copy, 'three')
    expect(answer).toMatch(/^\[one \| .* -> one #\d+\] -> three #\d+$/)
    expect((await s.call(a, 'POST', `/threads/${t}/copy`, { messageId: 'nope' })).status).toBe(400)
    expect((await s.call(a, 'POST', `/threads/${t}/branch`, { messageId: 'nope' })).status).toBe(400)
    const other = await s.session('someone-else', 'echo')
    expect((await s.call(other, 'POST', `/threads/${t}/copy`, {})).status).toBe(404)
  })
})
