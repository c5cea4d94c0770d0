import type { ComponentContent } from '@xpert-ai/chatkit-protocol'

/** One piece of a message, in the order it arrived. */
export type Part =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** A tool step (or other component), merged by id as its status changes. */
  | { type: 'component'; id: string; data: ComponentContent['data'] }
  | { type: 'image'; url: string }
  /** Something went wrong in this message: an API error, a stream error, a malformed event. */
  | { type: 'error'; code: string; message: string }

export type MessageStatus = 'streaming' | 'done' | 'error' | 'cancelled'

export type Message = {
  id: string
  role: 'user' | 'assistant'
  status: MessageStatus
  parts: Part[]
  /** Id the frame gave a user message before the server assigned one. */
  clientId?: string
  /** The agent that spoke (multi-agent runs). */
  agentKey?: string
}

/** `idle`: nothing running; `loading`: a thread is being fetched; `running`: an answer streams. */
export type RunPhase = 'idle' | 'loading' | 'running'

export type ThreadState = {
  /** Conversation id == thread id on our server; null for a new, unsaved thread. */
  threadId: string | null
  messages: Message[]
  phase: RunPhase
  /** Id of the streaming run, once the server named it. */
  runId: string | null
  /** The assistant message deltas without an id go to. */
  currentMessageId: string | null
  /** A thread-level problem (e.g. a thread that failed to load), shown above the composer. */
  notice: { code: string; message: string } | null
}

export const emptyThread: ThreadState = {
  threadId: null,
  messages: [],
  phase: 'idle',
  runId: null,
  currentMessageId: null,
  notice: null,
}
