/**
 * The current conversation's title from the server (`GET /conversations/{id}`). It is read when
 * the thread changes and again after each answer, because the server titles a conversation from
 * its first exchange. A failed read keeps the previous title: the title is decoration, not data.
 */
import { effect, signal, type ReadonlySignal } from '@preact/signals'
import type { ThreadState } from '../thread/index.js'

export const threadTitle = signal<string | null>(null)

export function watchThreadTitle(thread: ReadonlySignal<ThreadState>, read: (threadId: string) => Promise<{ title?: string | null }>): () => void {
  let lastKey = ''
  let token = 0
  return effect(() => {
    const { threadId, phase } = thread.value
    const key = `${threadId}|${phase}`
    if (key === lastKey) return
    const changedThread = !lastKey.startsWith(`${threadId}|`)
    lastKey = key
    if (changedThread) threadTitle.value = null
    if (!threadId || phase !== 'idle') return
    const mine = ++token
    read(threadId).then(
      (c) => {
        if (mine === token && typeof c?.title === 'string' && c.title.trim()) threadTitle.value = c.title.trim()
      },
      () => {},
    )
  })
}
