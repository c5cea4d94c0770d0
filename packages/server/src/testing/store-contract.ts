import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileContract } from './store-files-contract.js'
import type { MessageRecord, Owner, Store, ThreadRecord } from '../store/types.js'

/**
 * The `Store` contract: one suite every backend passes (SQLite, PostgreSQL, yours). `open()`
 * returns an empty store; `reopen(store)` closes it and opens the same data again (to prove that
 * close writes what is queued).
 */
export type StoreFactory = { open(): Promise<Store>; reopen(store: Store): Promise<Store> }

const owner: Owner = { assistantId: 'a', userId: 'u' }
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString()
const text = (s: string) => [{ type: 'text' as const, text: s, id: 'x' }]
let n = 0
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`

function thread(over: Partial<ThreadRecord> = {}): ThreadRecord {
  return { id: uid('t'), ...owner, title: null, metadata: { k: 1 }, status: 'idle', createdAt: at(0), updatedAt: at(0), ...over }
}
function message(threadId: string, over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: uid('m'),
    threadId,
    runId: null,
    role: 'human',
    content: 'hi',
    status: 'success',
    error: null,
    metadata: {},
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  }
}

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeAll(async () => void (store = await factory.open()))
    afterAll(async () => store.close())
    fileContract(() => store)

    it('sessions: create, find by hash, delete the expired', async () => {
      await store.sessions.create({ ...owner, secretHash: 'h1', expiresAt: 1_000, createdAt: at(0) })
      await store.sessions.create({ ...owner, secretHash: 'h2', expiresAt: 3_000_000_000_000, createdAt: at(0) })
      expect(await store.sessions.findByHash('h1')).toEqual({ ...owner, secretHash: 'h1', expiresAt: 1_000, createdAt: at(0) })
      expect(await store.sessions.findByHash('nope')).toBeNull()
      expect(await store.sessions.deleteExpired(2_000)).toBe(1)
      expect(await store.sessions.findByHash('h1')).toBeNull()
      expect(await store.sessions.findByHash('h2')).not.toBeNull()
    })

    it('threads: round-trip, status, title; delete takes messages, runs and feedback along', async () => {
      const t = thread()
      await store.threads.create(t)
      expect(await store.threads.get(t.id)).toEqual(t)
      await store.threads.setStatus(t.id, 'busy', at(1))
      await store.threads.setTitle(t.id, 'Named', at(2))
      expect(await store.threads.get(t.id)).toMatchObject({ status: 'busy', title: 'Named', updatedAt: at(2) })
      await store.runs.create({ id: uid('r'), threadId: t.id, assistantId: 'a', status: 'running', error: null, createdAt: at(0), updatedAt: at(0) })
      const m = message(t.id, { role: 'ai', content: text('x') })
      await store.messages.create(m)
      await store.feedback.upsert({ ...owner, messageId: m.id, rating: 'like', content: null, createdAt: at(0), updatedAt: at(0) })
      await store.threads.delete(t.id)
      expect(await store.threads.get(t.id)).toBeNull()
      expect(await store.messages.get(m.id)).toBeNull()
      expect(await store.feedback.list(m.id, owner)).toEqual([])
      expect(await store.threads.get('missing')).toBeNull()
    })

    it('threads.search: newest first, paged with a total, only the owner, titles and message text', async () => {
      const who: Owner = { assistantId: 'a', userId: uid('searcher') }
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        const t = thread({ ...who, title: i === 1 ? 'Budget 50%_off plan' : `chat ${i}`, updatedAt: at(10 + (i === 4 ? 3 : i)) })
        ids.push(t.id)
        await store.threads.create(t)
      }
      await store.threads.create(thread({ userId: 'someone-else', title: 'Budget' }))
      await store.messages.create(message(ids[2], { content: 'about the BUDGET too' }))
      await store.messages.create(message(ids[3], { role: 'ai', content: text('an AI part saying budget') }))
      const all = await store.threads.search(who, { limit: 2, offset: 0 })
      expect(all.total).toBe(5)
      expect(all.items.map((t) => t.id)).toEqual([ids[4], ids[3]])
      const rest = await store.threads.search(who, { limit: 10, offset: 2 })
      expect(rest.items.map((t) => t.id)).toEqual([ids[2], ids[1], ids[0]])
      expect(await store.threads.search(who, { limit: 10, offset: 10 })).toEqual({ items: [], total: 5 })
      const found = await store.threads.search(who, { limit: 10, offset: 0, search: 'budget' })
      expect(found.items.map((t) => t.id)).toEqual([ids[3], ids[2], ids[1]])
      expect(found.total).toBe(3)
      // `%` and `_` are literal characters of the search, not wildcards.
      expect((await store.threads.search(who, { limit: 10, offset: 0, search: '50%_' })).items.map((t) => t.id)).toEqual([ids[1]])
      expect((await store.threads.search(who, { limit: 10, offset: 0, search: '5_%' })).total).toBe(0)
      // Same update time: the later created comes first.
      const tie: Owner = { assistantId: 'a', userId: uid('tie') }
      const first = thread({ ...tie, updatedAt: at(5) })
      const second = thread({ ...tie, updatedAt: at(5) })
      await store.threads.create(first)
      await store.threads.create(second)
      expect((await store.threads.search(tie, { limit: 10, offset: 0 })).items.map((t) => t.id)).toEqual([second.id, first.id])
    })

    it('messages: create, get, last of a role, list oldest first with a total', async () => {
      const t = thread()
      await store.threads.create(t)
      const ms = [
        message(t.id, { content: 'q1' }),
        message(t.id, { role: 'ai', content: text('a1'), metadata: { refs: [1] } }),
        message(t.id, { content: 'q2' }),
        message(t.id, { role: 'ai', content: text('a2') }),
      ]
      for (const m of ms) await store.messages.create(m)
      // Each message without a parent id is appended to the head: its parent is the one before it.
      const stored = ms.map((m, i) => ({ ...m, parentId: i ? ms[i - 1].id : null }))
      expect(await store.messages.get(ms[1].id)).toEqual(stored[1])
      expect(await store.messages.last(t.id, 'human')).toEqual(stored[2])
      expect(await store.messages.last(t.id, 'ai')).toEqual(stored[3])
      expect(await store.messages.last('missing', 'ai')).toBeNull()
      const page = await store.messages.list(t.id, 2, 1)
      expect(page).toEqual({ items: [stored[1], stored[2]], total: 4 })
      expect(await store.messages.list(t.id, 2, 10)).toEqual({ items: [], total: 4 })
    })

    it('messages: a tree per thread; the head picks the path that list, last and path follow', async () => {
      const t = thread()
      await store.threads.create(t)
      const [q1, a1, q2, a2] = [
        message(t.id, { content: 'q1' }),
        message(t.id, { role: 'ai', content: text('a1') }),
        message(t.id, { content: 'q2' }),
        message(t.id, { role: 'ai', content: text('a2') }),
      ]
      for (const m of [q1, a1, q2, a2]) await store.messages.create(m)
      const ids = (ms: { id: string }[]) => ms.map((m) => m.id)
      expect(await store.messages.head(t.id)).toBe(a2.id)
      expect(ids(await store.messages.path(t.id))).toEqual(ids([q1, a1, q2, a2]))
      // An edited second question: a sibling of q2 under a1, and the new head.
      const q2b = message(t.id, { content: 'q2 edited', parentId: a1.id })
      await store.messages.create(q2b)
      expect(await store.messages.head(t.id)).toBe(q2b.id)
      expect(ids(await store.messages.path(t.id))).toEqual(ids([q1, a1, q2b]))
      expect(await store.messages.list(t.id, 10, 0)).toMatchObject({ total: 3 })
      expect(ids((await store.messages.list(t.id, 10, 0)).items)).toEqual(ids([q1, a1, q2b]))
      expect((await store.messages.last(t.id, 'human'))?.id).toBe(q2b.id)
      expect((await store.messages.last(t.id, 'ai'))?.id).toBe(a1.id)
      expect(await store.messages.tree(t.id)).toEqual([
        { id: q1.id, parentId: null, role: 'human' },
        { id: a1.id, parentId: q1.id, role: 'ai' },
        { id: q2.id, parentId: a1.id, role: 'human' },
        { id: a2.id, parentId: q2.id, role: 'ai' },
        { id: q2b.id, parentId: a1.id, role: 'human' },
      ])
      // Back to the first branch; any leaf's path is readable without switching.
      await store.messages.setHead(t.id, a2.id)
      expect(ids(await store.messages.path(t.id))).toEqual(ids([q1, a1, q2, a2]))
      expect(ids(await store.messages.path(t.id, q2b.id))).toEqual(ids([q1, a1, q2b]))
      // A message of another thread is on no path of this one.
      const other = thread()
      await store.threads.create(other)
      const stranger = message(other.id, { content: 'elsewhere' })
      await store.messages.create(stranger)
      expect(await store.messages.path(t.id, stranger.id)).toEqual([])
    })

    it('messages.update: saves of one tick all land; the later of two wins; metadata kept when not given', async () => {
      const t = thread()
      await store.threads.create(t)
      const ms = Array.from({ length: 50 }, () => message(t.id, { role: 'ai', content: [], status: 'streaming', metadata: { orig: true } }))
      for (const m of ms) await store.messages.create(m)
      const saves = ms.map((m, i) => store.messages.update(m.id, { content: text(`v${i}`), status: 'streaming', error: null, updatedAt: at(1) }))
      saves.push(store.messages.update(ms[0].id, { content: text('final'), status: 'success', error: null, updatedAt: at(2), metadata: { done: true } }))
      saves.push(store.messages.update(ms[0].id, { content: text('final 2'), status: 'success', error: null, updatedAt: at(3) }))
      await Promise.all(saves)
      expect(await store.messages.get(ms[7].id)).toMatchObject({ content: text('v7'), status: 'streaming', metadata: { orig: true } })
      expect(await store.messages.get(ms[0].id)).toMatchObject({ content: text('final 2'), status: 'success', updatedAt: at(3), metadata: { done: true } })
      // What the caller passed is saved, even if it changes before the commit.
      const parts = text('before')
      const saved = store.messages.update(ms[1].id, { content: parts, status: 'error', error: 'boom', updatedAt: at(4) })
      parts[0].text = 'after'
      await saved
      expect(await store.messages.get(ms[1].id)).toMatchObject({ content: text('before'), status: 'error', error: 'boom' })
    })

    it('close writes the saves queued in the same tick', async () => {
      const t = thread()
      await store.threads.create(t)
      const m = message(t.id, { role: 'ai', content: [], status: 'streaming' })
      await store.messages.create(m)
      void store.messages.update(m.id, { content: text('last words'), status: 'cancelled', error: 'stop', updatedAt: at(1) })
      store = await factory.reopen(store)
      expect(await store.messages.get(m.id)).toMatchObject({ content: text('last words'), status: 'cancelled', error: 'stop' })
    })

    it('runs, feedback', async () => {
      const t = thread()
      await store.threads.create(t)
      const run = { id: uid('r'), threadId: t.id, assistantId: 'a', status: 'pending' as const, error: null, createdAt: at(0), updatedAt: at(0) }
      await store.runs.create(run)
      await store.runs.setStatus(run.id, 'error', 'agent failed', at(1))
      expect(await store.runs.get(run.id)).toEqual({ ...run, status: 'error', error: 'agent failed', updatedAt: at(1) })
      expect(await store.runs.get('missing')).toBeNull()
      expect(await store.runs.idsOfThread(t.id)).toEqual([run.id])
      expect(await store.runs.idsOfThread('missing')).toEqual([])

      const [m1, m2] = [message(t.id, { role: 'ai' }), message(t.id, { role: 'ai' })]
      await store.messages.create(m1)
      await store.messages.create(m2)
      const like = await store.feedback.upsert({ ...owner, messageId: m1.id, rating: 'like', content: 'good', createdAt: at(1), updatedAt: at(1) })
      expect(like).toMatchObject({ rating: 'like', content: 'good' })
      const changed = await store.feedback.upsert({ ...owner, messageId: m1.id, rating: 'dislike', content: null, createdAt: at(2), updatedAt: at(2) })
      // A second rating replaces the first but keeps when it was first given.
      expect(changed).toEqual({ ...owner, messageId: m1.id, rating: 'dislike', content: null, createdAt: at(1), updatedAt: at(2) })
      expect(await store.feedback.list(m1.id, owner)).toEqual([changed])
      expect(await store.feedback.list(m1.id, { ...owner, userId: 'other' })).toEqual([])
      const ratings = await store.feedback.ratings([m1.id, m2.id, 'missing'], owner)
      expect([...ratings]).toEqual([[m1.id, 'dislike']])
      expect((await store.feedback.ratings([], owner)).size).toBe(0)
    })

    it('recoverInterrupted marks what a dead process left: running/pending runs, streaming messages, busy threads, uploads in progress', async () => {
      await store.recoverInterrupted(at(0))
      const t = thread({ status: 'busy' })
      await store.threads.create(t)
      const runs = ['running', 'pending', 'success'].map((status) => ({
        id: uid('r'),
        threadId: t.id,
        assistantId: 'a',
        status: status as 'running',
        error: null,
        createdAt: at(0),
        updatedAt: at(0),
      }))
      for (const r of runs) await store.runs.create(r)
      const cut = message(t.id, { role: 'ai', status: 'streaming' })
      await store.messages.create(cut)
      const upload = { ...owner, id: uid('f'), expiresAt: 1e15 }
      await store.files.beginUpload(upload, { maxFiles: 10, maxBytes: 10, maxConcurrent: 10, diskBytes: null }, 0)
      await store.followUps.push({ id: uid('m'), threadId: t.id, runId: runs[1].id, mode: 'queue', payload: {}, createdAt: at(0) })
      expect(await store.recoverInterrupted(at(9))).toEqual({ runs: 2, messages: 1, uploads: 1 })
      expect(await store.files.known([upload.id])).toEqual(new Set())
      expect(await store.followUps.count(t.id)).toBe(0)
      expect(await store.runs.get(runs[0].id)).toMatchObject({ status: 'interrupted', error: 'server stopped during the run' })
      expect((await store.runs.get(runs[2].id))?.status).toBe('success')
      expect(await store.messages.get(cut.id)).toMatchObject({ status: 'interrupted', error: 'server stopped during the run' })
      expect((await store.threads.get(t.id))?.status).toBe('idle')
    })

    it('follow-ups: a queue per thread in insertion order, steered ones taken apart, each taken once, gone with the thread', async () => {
      const [t, other] = [thread(), thread()]
      await store.threads.create(t)
      await store.threads.create(other)
      const running = { id: uid('r'), threadId: t.id, assistantId: 'a', status: 'running' as const, error: null, createdAt: at(1), updatedAt: at(1) }
      await store.runs.create({ ...running, id: uid('r'), status: 'success', createdAt: at(0) })
      await store.runs.create(running)
      expect(await store.runs.runningOf(t.id)).toEqual(running)
      expect(await store.runs.runningOf(other.id)).toBeNull()
      const f = (mode: 'queue' | 'steer', threadId = t.id) => ({
        id: uid('m'),
        threadId,
        runId: mode === 'steer' ? running.id : uid('r'),
        mode,
        payload: { text: 'é ✓', n: [1, { x: null }] },
        createdAt: at(2),
      })
      const [q1, s1, q2, s2] = [f('queue'), f('steer'), f('queue'), f('steer')]
      const positions = []
      for (const x of [q1, s1, q2, s2]) positions.push(await store.followUps.push(x))
      expect(positions).toEqual([1, 2, 3, 4])
      expect(await store.followUps.push(f('queue', other.id))).toBe(1)
      expect(await store.followUps.count(t.id)).toBe(4)
      expect(await store.followUps.takeSteered(t.id)).toEqual([s1, s2])
      expect(await store.followUps.takeSteered(t.id)).toEqual([])
      expect(await store.followUps.remove(q1.runId)).toBe(true)
      expect(await store.followUps.remove(q1.runId)).toBe(false)
      expect(await store.followUps.takeNext(t.id)).toEqual(q2)
      expect(await store.followUps.takeNext(t.id)).toBeNull()
      // Twenty takers racing for ten follow-ups: each is taken once, none lost.
      const ten = Array.from({ length: 10 }, () => f('queue'))
      for (const x of ten) await store.followUps.push(x)
      const taken = (await Promise.all(Array.from({ length: 20 }, () => store.followUps.takeNext(t.id)))).filter((x) => x !== null)
      expect(taken.map((x) => x.id).sort()).toEqual(ten.map((x) => x.id).sort())
      await store.threads.delete(other.id)
      expect(await store.followUps.count(other.id)).toBe(0)
    })
  })
}
