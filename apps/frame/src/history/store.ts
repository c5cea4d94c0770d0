/**
 * The history list as signals: pages appended as the user scrolls, a search that restarts the
 * list, and rename/delete applied locally once the server confirms. A newer search makes older
 * in-flight pages stale (they are dropped), so fast typing never shows mixed results.
 */
import { signal } from '@preact/signals'
import type { ConversationPage, ConversationSummary } from './api.js'

export type HistoryDeps = {
  search(q: { offset: number; limit: number; search?: string }, signal: AbortSignal): Promise<ConversationPage>
  rename(id: string, title: string): Promise<unknown>
  remove(id: string): Promise<void>
}

export const PAGE_SIZE = 20

export class HistoryList {
  readonly items = signal<ConversationSummary[]>([])
  readonly total = signal<number | null>(null)
  readonly loading = signal(false)
  readonly error = signal<string | null>(null)
  readonly query = signal('')
  readonly #deps: HistoryDeps
  #abort: AbortController | null = null

  constructor(deps: HistoryDeps) {
    this.#deps = deps
  }

  get hasMore(): boolean {
    const total = this.total.value
    return total === null || this.items.value.length < total
  }

  /** Starts over (on open, or with a new search text). */
  reset(query = this.query.value): Promise<void> {
    this.#abort?.abort()
    this.#abort = null
    this.query.value = query
    this.items.value = []
    this.total.value = null
    this.error.value = null
    this.loading.value = false
    return this.loadMore()
  }

  async loadMore(): Promise<void> {
    if (this.loading.value || !this.hasMore) return
    const abort = new AbortController()
    this.#abort = abort
    this.loading.value = true
    this.error.value = null
    try {
      const q = this.query.value.trim()
      const page = await this.#deps.search({ offset: this.items.value.length, limit: PAGE_SIZE, ...(q ? { search: q } : {}) }, abort.signal)
      if (abort.signal.aborted) return
      const known = new Set(this.items.value.map((c) => c.id))
      this.items.value = [...this.items.value, ...page.items.filter((c) => !known.has(c.id))]
      // A short page means the end, whatever `total` says (rows may have been deleted meanwhile).
      this.total.value = page.items.length < PAGE_SIZE ? this.items.value.length : page.total
    } catch (e) {
      if (abort.signal.aborted) return
      this.error.value = (e as Error).message
    } finally {
      if (this.#abort === abort) {
        this.loading.value = false
        this.#abort = null
      }
    }
  }

  async rename(id: string, title: string): Promise<void> {
    await this.#deps.rename(id, title)
    this.items.value = this.items.value.map((c) => (c.id === id ? { ...c, title } : c))
  }

  async remove(id: string): Promise<void> {
    await this.#deps.remove(id)
    this.items.value = this.items.value.filter((c) => c.id !== id)
    if (this.total.value !== null) this.total.value = Math.max(0, this.total.value - 1)
  }
}
