/**
 * One timer per engine for every streaming answer's periodic save, instead of one per run: with
 * a thousand answers streaming, their saves fire in the same tick and so share one group commit
 * (message-repo.ts) instead of spreading over a thousand timers and as many small commits.
 * Each answer is still saved at least every `everyMs` while it streams.
 */
export class PeriodicSaves {
  private readonly due = new Set<() => void>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly everyMs: number) {}

  /** Calls `save` every `everyMs` until the returned function is called. */
  add(save: () => void): () => void {
    this.due.add(save)
    if (!this.timer) {
      this.timer = setInterval(() => {
        for (const s of this.due) s()
      }, this.everyMs)
      this.timer.unref()
    }
    return () => {
      this.due.delete(save)
      if (this.due.size === 0 && this.timer) {
        clearInterval(this.timer)
        this.timer = null
      }
    }
  }
}

const byDeps = new WeakMap<object, PeriodicSaves>()

/** The periodic saves of the engine these dependencies belong to (one timer per engine). */
export function periodicSavesOf(deps: { persistIntervalMs: number }): PeriodicSaves {
  let saves = byDeps.get(deps)
  if (!saves) byDeps.set(deps, (saves = new PeriodicSaves(deps.persistIntervalMs)))
  return saves
}
