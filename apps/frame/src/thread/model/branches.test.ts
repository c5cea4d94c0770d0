import { describe, expect, it } from 'vitest'
import { latestQuestion } from './actions.js'
import { branchesLearned, editStarted, pathSwapped } from './branches.js'
import { siblingAt, siblingPosition } from './versions.js'
import { threadFromHistory } from './from-api.js'
import type { Message, ThreadState } from './types.js'

const item = (id: string, role: 'human' | 'ai', extra: Record<string, unknown> = {}) => ({ id, role, content: id, status: 'success', ...extra })
/** q1 → a1 → q2 (edited once: q2old, q2) → a2 (regenerated once: a2old, a2), as the server stores the path. */
const stored = [
  item('q1', 'human', { parentId: null }),
  item('a1', 'ai', { parentId: 'q1' }),
  item('q2', 'human', { parentId: 'a1', siblingIds: ['q2old', 'q2'] }),
  item('a2', 'ai', { parentId: 'q2', siblingIds: ['a2old', 'a2'] }),
]
const thread = threadFromHistory('t1', stored)
const byId = (s: ThreadState, id: string) => s.messages.find((m) => m.id === id) as Message

describe('branches in the thread model', () => {
  it('stored messages keep their place in the tree; a malformed siblingIds is dropped', () => {
    expect(byId(thread, 'q1').parentId).toBeNull()
    expect(byId(thread, 'q2')).toMatchObject({ parentId: 'a1', siblingIds: ['q2old', 'q2'] })
    expect(byId(thread, 'a1').siblingIds).toBeUndefined()
    const odd = threadFromHistory('t', [item('x', 'ai', { siblingIds: ['x', 7], parentId: 3 })])
    expect(odd.messages[0].siblingIds).toBeUndefined()
    expect('parentId' in odd.messages[0]).toBe(false)
  })

  it('the switcher position and the version one step away, none past either end', () => {
    expect(siblingPosition(byId(thread, 'q2'))).toEqual({ index: 1, count: 2 })
    expect(siblingPosition(byId(thread, 'q1'))).toBeNull()
    expect(siblingAt(byId(thread, 'q2'), -1)).toBe('q2old')
    expect(siblingAt(byId(thread, 'q2'), 1)).toBeNull()
    expect(siblingAt(byId(thread, 'q1'), 1)).toBeNull()
  })

  it('an edit cuts the path before the question and names its stored parent', () => {
    const cut = editStarted(thread, 'q2')
    expect(cut?.[0].messages.map((m) => m.id)).toEqual(['q1', 'a1'])
    expect(cut?.[1]).toBe('a1')
    expect(editStarted(thread, 'q1')?.[1]).toBeNull()
    expect(editStarted(thread, 'a1')).toBeNull()
    expect(editStarted(thread, 'nope')).toBeNull()
  })

  it('a question sent live (no stored parent) goes under the message shown before it', () => {
    const live: ThreadState = { ...thread, messages: [...thread.messages, { id: 'q3', role: 'user', status: 'done', parts: [] }] }
    expect(editStarted(live, 'q3')?.[1]).toBe('a2')
    // A first question shown whose parent is on an older page not loaded: nothing to go by.
    const paged: ThreadState = { ...live, messages: live.messages.slice(4), olderCount: 4 }
    expect(editStarted(paged, 'q3')).toBeNull()
    // One the server never got cannot be edited (Retry sends it).
    expect(editStarted({ ...live, messages: [{ ...live.messages[4], unsent: true }] }, 'q3')).toBeNull()
  })

  it('the newest question is the one ↑ edits', () => {
    expect(latestQuestion(thread)?.id).toBe('q2')
    expect(latestQuestion(threadFromHistory('t', []))).toBeUndefined()
  })

  it('learning the stored path after a retry gives the shown messages their versions; unchanged ones keep their identity', () => {
    const live: ThreadState = { ...thread, messages: [...thread.messages.slice(0, 3), { id: 'a2new', role: 'assistant', status: 'done', parts: [] }] }
    const learned = branchesLearned(live, [...stored.slice(0, 3), item('a2new', 'ai', { parentId: 'q2', siblingIds: ['a2old', 'a2', 'a2new'] })])
    expect(byId(learned, 'a2new')).toMatchObject({ parentId: 'q2', siblingIds: ['a2old', 'a2', 'a2new'] })
    expect(siblingPosition(byId(learned, 'a2new'))).toEqual({ index: 2, count: 3 })
    for (const i of [0, 1, 2]) expect(learned.messages[i]).toBe(live.messages[i])
    expect(branchesLearned(learned, stored.slice(0, 3))).toBe(learned)
    // Versions that went away (another tab deleted them) are dropped.
    const fewer = branchesLearned(thread, [item('q2', 'human', { parentId: 'a1' })])
    expect(byId(fewer, 'q2').siblingIds).toBeUndefined()
  })

  it('a switch swaps the path in place: messages on both paths keep their client id (their element), the rest are the stored ones', () => {
    const shown: ThreadState = { ...thread, messages: thread.messages.map((m) => (m.id === 'q1' ? { ...m, clientId: 'tmp_q1' } : m)) }
    const other = [stored[0], stored[1], item('q2old', 'human', { parentId: 'a1', siblingIds: ['q2old', 'q2'] }), item('a2x', 'ai', { parentId: 'q2old' })]
    const s = pathSwapped(shown, 't1', other, 0)
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1', 'q2old', 'a2x'])
    expect(s.messages.map((m) => m.clientId)).toEqual(['tmp_q1', undefined, undefined, undefined])
    expect(s).toMatchObject({ threadId: 't1', phase: 'idle', olderCount: 0 })
    expect(siblingPosition(byId(s, 'q2old'))).toEqual({ index: 0, count: 2 })
    // Nothing sent from here: the stored path as it is.
    expect(pathSwapped(thread, 't1', other, 3)).toEqual(threadFromHistory('t1', other, 3))
  })
})
