import type { AgentInput, FollowUps } from '../agent/types.js'

/** A steered message: its stored human message id and what the agent sees. */
export type SteeredInput = { messageId: string; clientMessageId: string | undefined; input: AgentInput }

/**
 * The per-run queue behind `ctx.followUps` (`followUpMode: 'steer'`). `onTake` lets the engine
 * announce `follow_up_consumed`; whatever is left when the run ends is run afterwards.
 */
export class FollowUpQueue implements FollowUps {
  private readonly items: SteeredInput[] = []
  private waiter: ((v: SteeredInput | null) => void) | null = null
  private ended = false

  constructor(private readonly onTake: (taken: SteeredInput[]) => void) {}

  push(item: SteeredInput): void {
    if (this.waiter) {
      const w = this.waiter
      this.waiter = null
      this.onTake([item])
      w(item)
    } else this.items.push(item)
  }

  drain() {
    const taken = this.items.splice(0)
    if (taken.length) this.onTake(taken)
    return taken.map((t) => t.input)
  }

  async next() {
    const first = this.items.shift()
    if (first) {
      this.onTake([first])
      return first.input
    }
    if (this.ended) return null
    const item = await new Promise<SteeredInput | null>((r) => (this.waiter = r))
    return item?.input ?? null
  }

  /** Ends the queue: a waiting `next()` gets null; returns what the agent never took. */
  end(): SteeredInput[] {
    this.ended = true
    this.waiter?.(null)
    this.waiter = null
    return this.items.splice(0)
  }
}
