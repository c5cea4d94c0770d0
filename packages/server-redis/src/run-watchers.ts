import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { RunEvent, RunEventListener } from '@xpert-ai/chatkit-server'
import { seqOf, type Entry } from './shared-reader.js'

/** One subscriber: the last seq it got, and what arrives live while its replay runs (`null`: the end). */
export type Sub = { listener: RunEventListener; last: number; buffer: (RunEvent | null)[] | null }
type Watch = { subs: Set<Sub>; remote: boolean }

/**
 * This process's subscribers of each run, fed by the appends it makes (once Redis has them) and
 * by the shared reader (runs written elsewhere). Each subscriber gets each event once, in order.
 */
export class RunWatchers {
  private readonly watches = new Map<string, Watch>()

  /** `unwatched(runId)`: the run's last local subscriber left. */
  constructor(private readonly unwatched: (runId: string) => void) {}

  /**
   * Attaches a subscriber that buffers live events until `live` (its replay comes first).
   * `remote`: the run is written by another process, if this is its first subscriber.
   */
  attach(runId: string, start: number, listener: RunEventListener, remote: boolean): { sub: Sub; remote: boolean } {
    let watch = this.watches.get(runId)
    if (!watch) this.watches.set(runId, (watch = { subs: new Set(), remote }))
    const sub: Sub = { listener, last: start, buffer: [] }
    watch.subs.add(sub)
    return { sub, remote: watch.remote }
  }

  /** Replays stored entries, then what arrived meanwhile; false when the run ended (the subscriber is gone). */
  replay(runId: string, sub: Sub, entries: Entry[]): boolean {
    for (const [id, fields] of entries) {
      if (fields[0] !== 'd') return this.end(runId, sub)
      this.push(sub, { id, envelope: JSON.parse(fields[1]), json: fields[1] })
    }
    const buffered = sub.buffer!
    sub.buffer = null
    for (const e of buffered) {
      if (e === null) return this.end(runId, sub)
      this.push(sub, e)
    }
    return true
  }

  /** An event (or the end, `null`) for every local subscriber of the run. */
  deliver(runId: string, event: RunEvent | null): void {
    const watch = this.watches.get(runId)
    if (!watch) return
    for (const sub of [...watch.subs]) {
      if (sub.buffer) sub.buffer.push(event)
      else if (event) this.push(sub, event)
      else this.end(runId, sub)
    }
  }

  /** Entries the shared reader got: parsed once per process, whatever the number of subscribers. */
  deliverEntries(runId: string, entries: Entry[]): void {
    if (!this.watches.has(runId)) return
    for (const [id, fields] of entries) {
      this.deliver(runId, fields[0] === 'd' ? { id, envelope: JSON.parse(fields[1]) as StreamEnvelope, json: fields[1] } : null)
    }
  }

  /** Ends every local subscriber of the run now. */
  endAll(runId: string): void {
    for (const sub of [...(this.watches.get(runId)?.subs ?? [])]) this.end(runId, sub)
  }

  detach(runId: string, sub: Sub): void {
    const watch = this.watches.get(runId)
    if (!watch?.subs.delete(sub)) return
    if (watch.subs.size) return
    this.watches.delete(runId)
    this.unwatched(runId)
  }

  private push(sub: Sub, e: RunEvent): void {
    const seq = seqOf(e.id)
    // Replay and live delivery may overlap: each subscriber gets each event once, in order.
    if (seq <= sub.last) return
    sub.last = seq
    sub.listener.event(e)
  }

  private end(runId: string, sub: Sub): false {
    this.detach(runId, sub)
    sub.listener.end()
    return false
  }
}
