import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { HttpError } from './errors.js'

/**
 * Open answer streams (SSE) per client secret. `acquire` takes a slot or throws
 * `429 too_many_streams`; the release it returns may be called any number of times.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>()

  constructor(private readonly max: number | null) {}

  acquire(key: string): () => void {
    const n = this.open.get(key) ?? 0
    if (this.max !== null && n >= this.max) {
      throw new HttpError(
        429,
        ApiErrorCodes.TooManyStreams,
        `this client secret already has ${this.max} open answer streams (the server's limit); close one first`,
        { 'retry-after': '1' },
      )
    }
    this.open.set(key, n + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.open.get(key) ?? 1) - 1
      if (left > 0) this.open.set(key, left)
      else this.open.delete(key)
    }
  }
}
