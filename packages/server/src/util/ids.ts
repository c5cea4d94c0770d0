import { randomUUID } from 'node:crypto'

/**
 * Resource ids. Plain UUIDs like XpertAI's, so a frame that stored an id from either server sees
 * the same shape. The prefix-free form also keeps them valid as LangGraph SDK thread/run ids.
 */
export function newId(): string {
  return randomUUID()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids in paths are checked before any lookup, so junk never reaches the store. */
export function isId(value: string): boolean {
  return UUID.test(value)
}
