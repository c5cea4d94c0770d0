import type { Redis } from 'ioredis'

/** Stream entries as XREAD returns them: `[id, [field, value, …]]`. */
export type Entry = [id: string, fields: string[]]

/**
 * The one blocking reader of a process: a single connection runs `XREAD BLOCK` over every run
 * stream some local SSE client follows, and hands what arrives to `deliver`. Thousands of clients
 * watching hundreds of runs on other replicas cost one connection and one round trip per wake-up,
 * not one blocked connection each. Adding or dropping a stream wakes the blocked read with
 * `CLIENT UNBLOCK` (sent from the command connection) so it re-issues with the new set.
 */
export class SharedStreamReader {
  /** runId → last seq read (exclusive start of the next read). */
  private readonly cursors = new Map<string, number>()
  private readerId: number | null = null
  private blocked = false
  private wakePending = false
  private idle: (() => void) | null = null
  private stopped = false
  private readonly loop: Promise<void>

  constructor(
    private readonly reader: Redis,
    private readonly commands: Redis,
    private readonly keyOf: (runId: string) => string,
    private readonly deliver: (runId: string, entries: Entry[]) => void,
    private readonly blockMs = 5000,
  ) {
    this.loop = this.run()
  }

  /** Follows `runId` from after `fromSeq`; a run already followed keeps its cursor. */
  add(runId: string, fromSeq: number): void {
    if (this.cursors.has(runId)) return
    this.cursors.set(runId, fromSeq)
    this.wake()
  }

  remove(runId: string): void {
    // No wake: a stream nobody follows any more costs nothing until the next read drops it.
    this.cursors.delete(runId)
  }

  get size(): number {
    return this.cursors.size
  }

  /** Ends the loop; the blocked read is cut by closing the reader connection. */
  async stop(): Promise<void> {
    this.stopped = true
    this.idle?.()
    this.reader.disconnect()
    await this.loop
  }

  private wake(): void {
    if (this.idle) {
      const go = this.idle
      this.idle = null
      go()
      return
    }
    if (!this.blocked || this.wakePending || this.readerId === null) return
    // One unblock per tick, however many streams were added in it.
    this.wakePending = true
    setImmediate(() => {
      this.wakePending = false
      if (this.blocked && this.readerId !== null) void this.commands.client('UNBLOCK', this.readerId).catch(() => {})
    })
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.cursors.size === 0) {
        await new Promise<void>((go) => (this.idle = go))
        continue
      }
      try {
        this.readerId ??= Number(await this.reader.client('ID'))
        const runs = new Map([...this.cursors.keys()].map((r) => [this.keyOf(r), r]))
        const args = [...runs.keys(), ...[...runs.values()].map((r) => `${this.cursors.get(r)}-0`)]
        this.blocked = true
        const res = (await this.reader.xread('COUNT', 1000, 'BLOCK', this.blockMs, 'STREAMS', ...args)) as [string, Entry[]][] | null
        this.blocked = false
        for (const [key, entries] of res ?? []) {
          const runId = runs.get(key)
          if (runId === undefined || !this.cursors.has(runId) || !entries.length) continue
          this.cursors.set(runId, Math.max(this.cursors.get(runId)!, seqOf(entries[entries.length - 1][0])))
          this.deliver(runId, entries)
        }
      } catch {
        // Connection lost (Redis restarting): the client reconnects; try again shortly.
        this.blocked = false
        this.readerId = null
        if (!this.stopped) await new Promise((r) => setTimeout(r, 200))
      }
    }
  }
}

export function seqOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')))
}
