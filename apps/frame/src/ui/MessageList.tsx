import type { ComponentChildren, ComponentType } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { useConversation } from '../message/index.js'
import { loadMessageParts, messageParts } from '../app/index.js'
import { afterFirstContent, lazyComponent, scrollRegion } from '../shared/index.js'
import type { ThreadState } from '../thread/index.js'
import { Reconnecting } from './ConnectionStatus.js'
import { useAutoScroll } from './useAutoScroll.js'

export type MessageListProps = {
  thread: ThreadState
  /** Shown for an empty, idle thread (the start screen). */
  empty?: ComponentChildren
}

// Loaded as the user types or with the first message (app/answer-code.ts); one chunk for the three.
type Parts = typeof import('../message/message-parts.js')
const part = <P extends object>(pick: (m: Parts) => ComponentType<P>) =>
  lazyComponent(
    () => loadMessageParts().then(pick),
    undefined,
    () => {
      const m = messageParts()
      return m && pick(m)
    },
  )
const MessageView = part((m) => m.MessageView)
const QueuedMessages = part((m) => m.QueuedMessages)
const UsageMeter = part((m) => m.UsageMeter)
// "Ask about this" on selected answer text: loaded once the thread has an answer.
const AskAbout = lazyComponent(afterFirstContent(() => import('./extras.js').then((m) => m.AskAbout)))

/** Within this many pixels of the top, the next older page loads. */
const LOAD_OLDER_PX = 400

export function MessageList({ thread, empty }: MessageListProps) {
  const { scroller, content, onScroll, stickToBottom } = useAutoScroll<HTMLDivElement, HTMLDivElement>()
  const { loadOlder } = useConversation()
  const { messages, phase } = thread
  const last = messages[messages.length - 1]
  const waiting = phase === 'running' && last?.role === 'user'
  const idle = phase === 'idle'

  // Sending a message means the user wants to see the answer: follow from here, as when a thread opens.
  // (Keyed on a newest question just sent from here, its id still the client's: not on a count, as
  // older pages prepended on scroll-up add questions too, and a version switch swaps stored ones;
  // neither yanks the reader down.)
  let sent: string | undefined
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i].role === 'user') {
      if (messages[i].clientId === messages[i].id) sent = messages[i].id
      break
    }
  useEffect(() => void (sent && stickToBottom()), [sent, stickToBottom])
  useEffect(() => stickToBottom(), [thread.threadId, stickToBottom])

  // Older messages go above what the user reads: keep that in place (the distance from the bottom).
  const anchor = useRef<number | null>(null)
  const firstId = messages[0]?.id
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && anchor.current !== null) el.scrollTop = el.scrollHeight - anchor.current
    anchor.current = null
  }, [firstId])

  const scrolled = () => {
    onScroll()
    const el = scroller.current
    if (!el || thread.olderCount <= 0 || el.scrollTop > LOAD_OLDER_PX || anchor.current !== null) return
    anchor.current = el.scrollHeight - el.scrollTop
    void loadOlder().then((prepended) => {
      // Nothing was prepended (a failure): forget the anchor so the next scroll tries again.
      if (!prepended) anchor.current = null
    })
  }

  return (
    <div class="ck-scroll" ref={scroller} onScroll={scrolled}>
      <div class="ck-scroll-content" ref={content}>
        {phase === 'loading' && (
          <p class="ck-loading-thread" role="status">
            {t('thread.loading')}
          </p>
        )}
        {thread.olderCount > 0 && (
          <p class="ck-older" role="status">
            {t('thread.older', { count: thread.olderCount })}
          </p>
        )}
        {messages.length === 0 && phase === 'idle' && empty}
        {/* aria-live off: streamed tokens are not read one by one; the app's announcer reads each finished answer.
            A tab stop once it holds messages: focused, the arrow keys scroll the conversation. */}
        <div class="ck-log" aria-live="off" {...scrollRegion(t('thread.label'), 'log')} tabIndex={messages.length ? 0 : undefined}>
          {messages.map((m) => (
            <MessageView key={m.clientId ?? m.id} message={m} agents={thread.agents} isLast={m === last} idle={idle} />
          ))}
        </div>
        <Reconnecting on={thread.reconnecting} />
        {thread.queued.length > 0 && <QueuedMessages queued={thread.queued} />}
        {waiting && (
          <div class="ck-pending" role="status" aria-label={t('thread.waiting')}>
            <span />
            <span />
            <span />
          </div>
        )}
        {thread.usage && <UsageMeter usage={thread.usage} />}
        {messages.length > 1 && <AskAbout />}
      </div>
    </div>
  )
}
