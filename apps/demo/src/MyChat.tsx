import { useState } from 'react'
import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'
import type { DemoConfig } from './config.js'
import { DEMO_PROMPTS } from './prompts.js'

const THREAD_KEY = 'chatkit-demo:thread'

export type ChatEventSink = (event: string, text?: string) => void

/** The seed's MyChat, nearly verbatim, plus a persisted thread and an event log feed. */
export function MyChat({ config, onEvent }: { config: DemoConfig; onEvent: ChatEventSink }) {
  // Read once: the current thread survives a reload (initialThread + onThreadChange).
  const [initialThread] = useState(() => localStorage.getItem(THREAD_KEY))

  const { control, setThreadId } = useChatKit({
    frameUrl: config.frameUrl,
    api: {
      apiUrl: config.apiUrl,
      xpertId: config.xpertId,
      async getClientSecret(existing) {
        // `existing` is the expired secret when the frame asks for a refresh: a refresh is a new session.
        void existing
        const res = await fetch('/api/create-session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        })
        if (!res.ok) throw new Error(`create-session failed (HTTP ${res.status})`)
        const { client_secret, expires_at } = await res.json()
        // With its expiry, the frame renews the secret before it lapses instead of after a 401.
        return { secret: client_secret, expiresAt: expires_at }
      },
    },
    initialThread,
    startScreen: { greeting: 'Ask the demo agent anything.', prompts: DEMO_PROMPTS },
    onReady: () => onEvent('chatkit.ready'),
    onError: ({ error }) => onEvent('chatkit.error', error.message),
    onResponseStart: () => onEvent('chatkit.response.start'),
    onResponseEnd: () => onEvent('chatkit.response.end'),
    onThreadChange: ({ threadId }) => {
      if (threadId) localStorage.setItem(THREAD_KEY, threadId)
      else localStorage.removeItem(THREAD_KEY)
      onEvent('chatkit.thread.change', threadId ?? 'new thread')
    },
  })

  return (
    <section className="chat-panel" aria-label="Chat">
      <div className="chat-toolbar">
        <button type="button" onClick={() => void setThreadId(null)}>
          New chat
        </button>
      </div>
      <ChatKit control={control} className="chat" />
    </section>
  )
}
