/**
 * Branches (edited questions, regenerated answers): where a message sits in the thread's tree and
 * what an edit or a switch changes. The thread shows one path of the tree; the server keeps the
 * rest (`parentId`, `siblingIds` on stored messages). Only the lazy branch code uses these, so they
 * are not behind the model's door (which is in the first load): see the exceptions in
 * scripts/boundaries.ts.
 */
import { branchOf, threadFromHistory } from './from-api.js'
import type { ThreadState } from './types.js'

/** The message before `index` on the path shown: the stored parent, else the one shown before it. */
function parentAt(state: ThreadState, index: number): string | null {
  const m = state.messages[index]
  if (m.parentId !== undefined) return m.parentId
  return index > 0 ? state.messages[index - 1].id : null
}

/**
 * An edit of the question `messageId`: the path shown is cut before it (the new question, sent
 * next, takes its place). Returns the new state and the parent the new question goes under,
 * or null when `messageId` is not a question shown (or was never stored).
 */
export function editStarted(state: ThreadState, messageId: string): [ThreadState, string | null] | null {
  const i = state.messages.findIndex((m) => m.id === messageId)
  const m = state.messages[i]
  if (m?.role !== 'user' || m.unsent || (i === 0 && state.olderCount > 0 && m.parentId === undefined)) return null
  return [{ ...state, messages: state.messages.slice(0, i) }, parentAt(state, i)]
}

/**
 * The stored messages of the path shown arrived after a run that made a new version (an edit, a
 * retry): each message shown takes its tree fields from them, matched by id. One pass over both;
 * messages whose fields did not change keep their identity (and are not re-rendered).
 */
export function branchesLearned(state: ThreadState, items: readonly unknown[]): ThreadState {
  const stored = new Map<string, ReturnType<typeof branchOf>>()
  for (const raw of items) {
    const m = (raw ?? {}) as { id?: unknown }
    if (typeof m.id === 'string') stored.set(m.id, branchOf(m as never))
  }
  let changed = false
  const messages = state.messages.map((m) => {
    const b = stored.get(m.id)
    if (!b || (b.parentId === m.parentId && sameIds(b.siblingIds, m.siblingIds))) return m
    changed = true
    const { siblingIds: _, ...rest } = m
    return { ...rest, ...b }
  })
  return changed ? { ...state, messages } : state
}

/**
 * A version switch: the stored path `items` (its newest page, from `offset`) replaces the one shown,
 * in place. A message on both paths keeps its client id, and so its element (a question sent from
 * here is keyed by it): what sits above the switched message is not re-created and does not move.
 */
export function pathSwapped(state: ThreadState, threadId: string, items: readonly unknown[], offset: number): ThreadState {
  const next = threadFromHistory(threadId, items, offset)
  const clientIds = new Map<string, string>()
  for (const m of state.messages) if (m.clientId) clientIds.set(m.id, m.clientId)
  if (!clientIds.size) return next
  return { ...next, messages: next.messages.map((m) => (clientIds.has(m.id) ? { ...m, clientId: clientIds.get(m.id) } : m)) }
}

function sameIds(a: string[] | undefined, b: string[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]))
}
