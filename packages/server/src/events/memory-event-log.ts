import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { systemClock, type Clock } from '../util/clock.js'
import { parseEventSeq } from './event-id.js'
import { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './run-event-log.js'

type Entry = { events: RunEvent[]; closed: boolean; closedAt?: number; listeners: Set<RunEventListener> }

export type MemoryRunEventLogOptions = {
  /** How long a closed run's events stay available for late resumes (ms). Default 10 minutes. */
  retainMs?: number
  /** Time source for retention (tests move it instead of sleeping). Default the system clock. */
  clock?: Clock
}

/**
 * In-process run-event log. Ids look like Redis Stream ids (`<seq>-0`) so that moving to Redis
 * Streams changes nothing a client can observe. Delivery is synchronous within `append`, so a
 * subscriber's replay and its live events can never interleave or skip.
 */
export class MemoryRunEventLog implements RunEventLog {
  private readonly runs = new Map<string, Entry>()
  private readonly retainMs: number
  private readonly clock: Clock

  constructor(options: MemoryRunEventLogOptions = {}) {
    this.retainMs = options.retainMs ?? 10 * 60_000
    this.clock = options.clock ?? systemClock
  }

  async append(runId: string, envelope: StreamEnvelope): Promise<string> {
    let entry = this.runs.get(runId)
    if (!entry) this.runs.set(runId, (entry = { events: [], closed: false, listeners: new Set() }))
    if (entry.closed) throw new Error(`run ${runId}: event log is closed`)
    const event = { id: `${entry.events.length + 1}-0`, envelope }
    entry.events.push(event)
    for (const l of entry.listeners) l.event(event)
    return event.id
  }

  async close(runId: string): Promise<void> {
    const entry = this.runs.get(runId)
    if (!entry || entry.closed) return
    entry.closed = true
    entry.closedAt = this.clock.now()
    for (const l of entry.listeners) l.end()
    entry.listeners.clear()
    // Kept for late resumes (`subscribe` refuses it once `retainMs` passed on the clock), then
    // dropped so memory stays bounded by recent runs.
    setTimeout(() => this.runs.delete(runId), this.retainMs).unref()
  }

  async subscribe(runId: string, afterId: string | undefined, listener: RunEventListener) {
    const entry = this.runs.get(runId)
    if (!entry) return null
    if (entry.closedAt !== undefined && this.clock.now() - entry.closedAt >= this.retainMs) {
      this.runs.delete(runId)
      return null
    }
    const start = afterId === undefined ? 0 : parseEventSeq(afterId)
    if (start > entry.events.length) throw new InvalidEventIdError(afterId!)
    for (const e of entry.events.slice(start)) listener.event(e)
    if (entry.closed) {
      listener.end()
      return () => {}
    }
    entry.listeners.add(listener)
    return () => void entry.listeners.delete(listener)
  }
}
