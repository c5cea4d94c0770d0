import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'

type DeltaData = { type: 'text' | 'reasoning'; text: string; id: string; agentKey?: string }
type Delta = { type: 'message'; data: DeltaData }

const isDelta = (e: StreamEnvelope): e is Delta =>
  e.type === 'message' && typeof e.data === 'object' && e.data !== null && (e.data.type === 'text' || e.data.type === 'reasoning')

const sameSpeaker = (a: DeltaData, b: DeltaData) => a.type === b.type && a.id === b.id && a.agentKey === b.agentKey

/** Text merged into one event at most: a client still sees a fast answer arrive in small steps. */
const MAX_MERGED_CHARS = 512

/** Appends one envelope to the run's log and calls `done` once it is committed (null) or failed. */
export type AppendTo = (e: StreamEnvelope, done: (error: unknown) => void) => void

/**
 * Appends a run's envelopes to its event log, in order. Text and reasoning deltas are not waited
 * for one by one: while one is being committed, the deltas that follow from the same speaker are
 * merged into the next event (up to `maxChars`). An agent slower than a commit (a remote model, a
 * token every few milliseconds) is still sent delta by delta; a faster one (a burst of buffered
 * tokens, a local model, a server busy with many streams) costs one log write and one SSE event per
 * commit instead of one per token. Every other envelope waits until the deltas before it are in
 * the log. An append that fails makes the next `send` or `drain` throw its error.
 *
 * The appends are chained by callbacks (`AppendTo`), not promises: this runs once per token, and a
 * queued or merged delta costs no promise at all.
 */
export class DeltaSender {
  #pending: Delta | null = null
  /** An append is in flight; the deltas queued meanwhile follow it. */
  #busy = false
  #idle: (() => void)[] = []
  #failure: { error: unknown } | null = null

  constructor(
    private readonly append: AppendTo,
    private readonly maxChars = MAX_MERGED_CHARS,
  ) {}

  /**
   * Sends `env`. Returns a promise when the caller must wait before producing the next envelope
   * (the deltas before a non-delta, or a full merged event, are still being committed); nothing
   * when the delta was merged or queued — per token, that is the common case, and it costs no promise.
   */
  send(env: StreamEnvelope): Promise<void> | undefined {
    if (this.#failure) return Promise.reject(this.#failure.error)
    if (!isDelta(env)) return this.drain().then(() => this.#appendNow(env))
    const p = this.#pending
    if (p && sameSpeaker(p.data, env.data) && p.data.text.length + env.data.text.length <= this.maxChars) {
      p.data.text += env.data.text
      return
    }
    // Not mergeable (another speaker, or the merged event is full): wait for what is queued.
    if (p) return this.drain().then(() => this.#queue(env))
    this.#queue(env)
  }

  /** Resolves once every delta sent so far is in the log; throws if an append failed. */
  drain(): Promise<void> {
    if (!this.#busy) return this.#failure ? Promise.reject(this.#failure.error) : Promise.resolve()
    return new Promise<void>((resolve) => this.#idle.push(resolve)).then(() => this.drain())
  }

  #queue(env: Delta): void {
    this.#pending = { type: 'message', data: { ...env.data } }
    if (!this.#busy) this.#next()
  }

  /** Appends what is pending; once committed, the next; with nothing left, wakes `drain`. */
  #next = (): void => {
    const next = this.#pending
    if (!next) {
      this.#settle()
      return
    }
    this.#pending = null
    this.#busy = true
    this.append(next, (error) => {
      if (error === null) {
        this.#next()
        return
      }
      this.#failure ??= { error }
      this.#pending = null
      this.#settle()
    })
  }

  #settle(): void {
    this.#busy = false
    for (const wake of this.#idle.splice(0)) wake()
  }

  #appendNow(env: StreamEnvelope): Promise<void> {
    return new Promise((resolve, reject) => this.append(env, (error) => (error === null ? resolve() : reject(error))))
  }
}
