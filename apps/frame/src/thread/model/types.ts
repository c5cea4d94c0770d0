import type { ComponentContent, ContextUsage, InterruptRequest } from '@xpert-ai/chatkit-protocol'

/** One piece of a message, in the order it arrived. */
export type Part =
  | { type: 'text'; text: string; agentKey?: string }
  /**
   * Visible chain-of-thought. `startedAt`/`endedAt` are frame clock times (ms) of the first delta
   * and of the first content after it; the panel shows the elapsed time from them.
   */
  | { type: 'reasoning'; text: string; agentKey?: string; startedAt?: number; endedAt?: number }
  /** A tool step, widget or other component, merged by id as its status changes. */
  | { type: 'component'; id: string; data: ComponentContent['data']; startedAt?: number; endedAt?: number }
  | { type: 'image'; url: string; alt?: string }
  /** The run paused for the user or the host (`on_interrupt`); `resolved` once answered. */
  | { type: 'interrupt'; id: string; request: InterruptRequest; resolved?: string }
  /**
   * About the whole answer, not a place in it: its sources (cited as `[n]` in the text) and the
   * suggested next questions. One of each per message, replaced whole; items are checked where shown.
   */
  | { type: 'sources' | 'suggestions'; list: readonly unknown[] }
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
  /** A user message whose send never reached the server (Retry sends it again). */
  unsent?: boolean
  /** The agent that spoke (multi-agent runs). */
  agentKey?: string
  /** The user's rating, once sent. */
  feedback?: 'like' | 'dislike'
  /**
   * A user message's files and references as sent or stored, unread: `ownExtras` reads them where
   * they are shown or exported (lazily loaded code), so the first load carries no parser for them.
   */
  sent?: SentWith
  /** Branches: the message before this one on its branch (stored messages). */
  parentId?: string | null
  /** Branches: every version of this message (edited questions, regenerated answers), oldest first; only when more than one. */
  siblingIds?: string[]
  /** When it was sent, or when the answer ended (epoch ms): stored `updatedAt`, or the frame's clock live. */
  at?: number
  /** Frame clock time (epoch ms) the answer began streaming (live answers only). */
  startedAt?: number
  /** How long the answer took, run start to end (stored `durationMs`, or measured live). */
  durationMs?: number
}

export type SentWith = { files?: unknown; references?: unknown }

/** `idle`: nothing running; `loading`: a thread is being fetched; `running`: an answer streams. */
type RunPhase = 'idle' | 'loading' | 'running'

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
  /** Agent names by key, from `on_agent_start` (multi-agent runs). */
  agents: Record<string, string>
  /** The latest context usage the run reported. */
  usage: ContextUsage | null
  /** Messages typed while an answer streamed, sent in order once it ends. */
  queued: { clientId: string; text: string }[]
  /** How many older stored messages exist before the first loaded one (0: all loaded). */
  olderCount: number
  /** The answer's stream broke and is being rejoined. */
  reconnecting: boolean
}

/** The error part code of an answer the server cut off by stopping (shutdown, crash). */
export const INTERRUPTED = 'run_interrupted'

export const emptyThread: ThreadState = {
  threadId: null,
  messages: [],
  phase: 'idle',
  runId: null,
  currentMessageId: null,
  notice: null,
  agents: {},
  usage: null,
  queued: [],
  olderCount: 0,
  reconnecting: false,
}
