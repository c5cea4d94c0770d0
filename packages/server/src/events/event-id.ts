import { InvalidEventIdError } from './run-event-log.js'

/**
 * Event ids look like Redis Stream ids (`<seq>-0`) so that moving the log to Redis Streams
 * changes nothing a client can observe.
 */
export function parseEventSeq(id: string): number {
  const m = /^(\d{1,15})-0$/.exec(id.trim())
  if (!m) throw new InvalidEventIdError(id)
  return Number(m[1])
}
