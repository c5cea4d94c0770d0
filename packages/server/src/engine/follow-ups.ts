import type { AgentInput, FollowUps } from '../agent/types.js'
import type { FollowUpRecord } from '../store/types.js'

/** A steered message: its stored human message id, what the agent sees, and its stored follow-up (put back if never taken). */
export type SteeredInput = { messageId: string; clientMessageId: string | undefined; input: AgentInput; record?: FollowUpRecord }

/**
 * The per-run queue behind `ctx.followUps` (`followUpMode: 'steer'`). `onTake` lets the engine
 * announce `follow_up_consumed`; whatever is left when the run ends is run afterwards.
 */
export class FollowUpQueue implements FollowUps {
  private readonly items: SteeredInput[] = []
  private waiter: ((v: SteeredInput | null) => void) | null = null
  private ended = false

  constructor(private readonly onTake: (taken: SteeredInput[]) => void) {}

  /** False once the queue has ended (the caller keeps the item). */
  push(item: SteeredInput): boolean {
    if (this.ended) return false
    if (this.waiter) {
      const w = this.waiter
      this.waiter = null
      this.onTake([item])
      w(item)
    } else this.items.push(item)
    return true
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
