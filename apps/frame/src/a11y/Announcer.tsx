import type { ReadonlySignal } from '@preact/signals'
import { useEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import type { ThreadState } from '../thread/index.js'
import { finishedAnswer } from './announce.js'

/** A visually hidden polite live region that announces each finished answer once. */
export function Announcer({ thread }: { thread: ReadonlySignal<ThreadState> }) {
  const prev = useRef<ThreadState | null>(null)
  const [message, setMessage] = useState('')
  const state = thread.value
  useEffect(() => {
    const text = finishedAnswer(prev.current, state)
    prev.current = state
    if (text) setMessage(t('thread.announce', { text }))
  }, [state])
  return (
    <div class="ck-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="ck-announcer">
      {message}
    </div>
  )
}
