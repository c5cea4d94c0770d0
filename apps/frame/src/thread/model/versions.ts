/**
 * A message's versions (the ‹ 2 / 3 › switcher): pure, used only by the lazy message views, so not
 * behind the model's door (which is in the first load): see scripts/boundaries.ts.
 */
import type { Message } from './types.js'

/** `message`'s place among its versions: index (0-based) and count; null without versions. */
export function siblingPosition(message: Message): { index: number; count: number } | null {
  const ids = message.siblingIds
  const index = ids ? ids.indexOf(message.id) : -1
  return ids && ids.length > 1 && index >= 0 ? { index, count: ids.length } : null
}

/** The version `delta` steps from `message` (−1: previous, +1: next), or null past either end. */
export function siblingAt(message: Message, delta: number): string | null {
  const pos = siblingPosition(message)
  return (pos && message.siblingIds?.[pos.index + delta]) || null
}
