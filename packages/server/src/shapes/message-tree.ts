import type { MessageNode } from '../store/types.js'

/**
 * Each message's versions: the messages that share its parent (an edited question and the one it
 * replaced; a regenerated answer and the old one), oldest first. Only positions with more than one
 * version are in the map.
 */
export function siblingsOf(nodes: readonly MessageNode[]): Map<string, string[]> {
  const byParent = new Map<string | null, string[]>()
  for (const n of nodes) {
    const list = byParent.get(n.parentId)
    if (list) list.push(n.id)
    else byParent.set(n.parentId, [n.id])
  }
  const out = new Map<string, string[]>()
  for (const list of byParent.values()) if (list.length > 1) for (const id of list) out.set(id, list)
  return out
}

/**
 * The head to show for the branch through `messageId`: its newest descendant (nodes come in the
 * order they were stored, so the last one under it is a leaf: the branch the user was on last).
 * Null when `messageId` is not in the tree.
 */
export function newestLeafUnder(nodes: readonly MessageNode[], messageId: string): string | null {
  const under = new Set<string>()
  let newest: string | null = null
  for (const n of nodes) {
    if (n.id === messageId || (n.parentId !== null && under.has(n.parentId))) {
      under.add(n.id)
      newest = n.id
    }
  }
  return newest
}
