import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from './sqlite-store.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function storeWithMessages(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-messages-'))
  dirs.push(dir)
  const store = new SqliteStore({ dataDir: dir })
  const at = '2026-01-01T00:00:00.000Z'
  await store.threads.create({ id: 't', assistantId: 'a', userId: 'u', title: null, metadata: {}, status: 'idle', createdAt: at, updatedAt: at })
  for (let i = 0; i < n; i++) {
    await store.messages.create({
      id: `m${i}`,
      threadId: 't',
      runId: null,
      role: 'ai',
      content: [],
      status: 'streaming',
      error: null,
      metadata: {},
      createdAt: at,
      updatedAt: at,
    })
  }
  return { dir, store }
}
const text = (s: string) => [{ type: 'text' as const, text: s, id: 'x' }]

describe('message updates (group commit)', () => {
  it('commits every update of one tick together at its end, in order, and settles each caller after the commit', async () => {
    const { dir, store } = await storeWithMessages(50)
    // Another connection sees only what is committed.
    const other = new Database(join(dir, 'chatkit.db'), { readonly: true })
    const committed = (id: string) => JSON.parse((other.prepare('SELECT content FROM messages WHERE id = ?').get(id) as { content: string }).content)
    const saves = Array.from({ length: 50 }, (_, i) =>
      store.messages.update(`m${i}`, { content: text(`v${i}`), status: 'streaming', error: null, updatedAt: 'x' }),
    )
    // Same message twice in a tick: the later save wins, as it would one by one.
    saves.push(store.messages.update('m0', { content: text('final'), status: 'success', error: null, updatedAt: 'y', metadata: { done: true } }))
    // Not committed yet: the tick's transaction commits when the tick ends (this connection reads its own writes).
    expect(committed('m1')).toEqual([])
    expect((await store.messages.get('m1'))?.content).toEqual(text('v1'))
    let settled = false
    const all = Promise.all(saves).then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await all
    expect(committed('m1')).toEqual(text('v1'))
    other.close()
    expect(await store.messages.get('m0')).toMatchObject({ content: text('final'), status: 'success', metadata: { done: true } })
    await store.close()
  })

  it('keeps what the caller passed even if it changes before the commit', async () => {
    const { store } = await storeWithMessages(1)
    const parts = text('before')
    const saved = store.messages.update('m0', { content: parts, status: 'streaming', error: null, updatedAt: 'x' })
    parts[0].text = 'after'
    await saved
    expect((await store.messages.get('m0'))?.content).toEqual(text('before'))
    await store.close()
  })

  it('writes queued updates when the store closes in the same tick', async () => {
    const { dir, store } = await storeWithMessages(1)
    void store.messages.update('m0', { content: text('last words'), status: 'cancelled', error: 'stop', updatedAt: 'x' })
    await store.close()
    const again = new SqliteStore({ dataDir: dir })
    expect(await again.messages.get('m0')).toMatchObject({ content: text('last words'), status: 'cancelled', error: 'stop' })
    await again.close()
  })
})
