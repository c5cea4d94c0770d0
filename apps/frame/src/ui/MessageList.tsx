import { useEffect } from 'preact/hooks'
import type { ThreadState } from '../thread/types.js'
import { MessageView } from './MessageView.js'
import { useAutoScroll } from './useAutoScroll.js'

export type MessageListProps = {
  thread: ThreadState
  greeting: string
}

export function MessageList({ thread, greeting }: MessageListProps) {
  const { scroller, content, onScroll, stickToBottom } = useAutoScroll<HTMLDivElement, HTMLDivElement>()
  const { messages, phase } = thread
  const last = messages[messages.length - 1]
  const waiting = phase === 'running' && last?.role === 'user'

  // Sending a message means the user wants to see the answer: follow from here.
  const userMessages = messages.filter((m) => m.role === 'user').length
  useEffect(() => stickToBottom(), [userMessages, thread.threadId, stickToBottom])

  return (
    <div class="ck-scroll" ref={scroller} onScroll={onScroll}>
      <div class="ck-scroll-content" ref={content}>
        {phase === 'loading' && (
          <p class="ck-loading-thread" role="status">
            Loading conversation…
          </p>
        )}
        {messages.length === 0 && phase === 'idle' && (
          <div class="ck-start">
            <h1 class="ck-greeting">{greeting}</h1>
          </div>
        )}
        <div class="ck-log" role="log" aria-live="polite" aria-label="Conversation">
          {messages.map((m) => (
            <MessageView key={m.clientId ?? m.id} message={m} />
          ))}
        </div>
        {waiting && (
          <div class="ck-pending" role="status" aria-label="Waiting for the answer">
            <span />
            <span />
            <span />
          </div>
        )}
      </div>
    </div>
  )
}
