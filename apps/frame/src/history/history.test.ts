import { describe, expect, it, vi } from 'vitest'
import { relativeTime } from './relative-time.js'
import { HistoryList, PAGE_SIZE, type HistoryDeps } from './store.js'

const conv = (i: number) => ({ id: `c${i}`, title: `T${i}`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' })

function fakeServer(count: number) {
  const rows = Array.from({ length: count }, (_, i) => conv(i))
  const deps = {
    search: vi.fn(async (q: { offset: number; limit: number; search?: string }) => {
      const all = q.search ? rows.filter((r) => r.title.includes(q.search!)) : rows
      return { items: all.slice(q.offset, q.offset + q.limit), total: all.length }
    }),
    rename: vi.fn(async () => ({})),
    remove: vi.fn(async () => {}),
  } satisfies HistoryDeps
  return { deps, list: new HistoryList(deps) }
}

describe('history list', () => {
  it('pages until the end and then stops asking', async () => {
    const { deps, list } = fakeServer(45)
    await list.reset('')
    expect(list.items.value).toHaveLength(PAGE_SIZE)
    await list.loadMore()
    await list.loadMore()
    expect(list.items.value.map((c) => c.id).at(-1)).toBe('c44')
    expect(list.hasMore).toBe(false)
    await list.loadMore()
    expect(deps.search).toHaveBeenCalledTimes(3)
    expect(deps.search.mock.calls.map((c) => c[0].offset)).toEqual([0, 20, 40])
  })

  it('a new search drops a slower older page', async () => {
    let release!: () => void
    const deps: HistoryDeps = {
      search: vi.fn(async (q, signal) => {
        if (!q.search) await new Promise<void>((r) => (release = r))
        void signal
        return { items: [conv(q.search ? 7 : 1)], total: 1 }
      }),
      rename: vi.fn(),
      remove: vi.fn(),
    }
    const list = new HistoryList(deps)
    const first = list.reset('')
    await list.reset('7')
    release()
    await first
    expect(list.items.value.map((c) => c.id)).toEqual(['c7'])
  })

  it('shows an error and can retry', async () => {
    const { deps, list } = fakeServer(3)
    deps.search.mockRejectedValueOnce(new Error('offline'))
    await list.reset('')
    expect(list.error.value).toBe('offline')
    await list.loadMore()
    expect(list.error.value).toBeNull()
    expect(list.items.value).toHaveLength(3)
  })

  it('renames and removes locally after the server confirms', async () => {
    const { deps, list } = fakeServer(3)
    await list.reset('')
    await list.rename('c1', 'New')
    await list.remove('c0')
    expect(deps.rename).toHaveBeenCalledWith('c1', 'New')
    expect(list.items.value.map((c) => c.title)).toEqual(['New', 'T2'])
    deps.remove.mockRejectedValueOnce(new Error('nope'))
    await expect(list.remove('c2')).rejects.toThrow('nope')
    expect(list.items.value).toHaveLength(2)
  })
})

describe('relative time', () => {
  const now = Date.parse('2026-03-10T12:00:00Z')
  it('uses the locale', () => {
    expect(relativeTime('2026-03-10T11:55:00Z', 'en', now)).toBe('5 minutes ago')
    expect(relativeTime('2026-03-09T12:00:00Z', 'en', now)).toBe('yesterday')
    expect(relativeTime('2026-03-09T12:00:00Z', 'de', now)).toBe('gestern')
    expect(relativeTime('garbage', 'en', now)).toBe('')
  })
})
