/**
 * The XpertAI hosted API wire format (base path `/api/ai`), as the frame speaks it and our server
 * serves it. See README "Architecture → API".
 */

export const API_BASE_PATH = '/api/ai'

/** `POST {apiUrl}/v1/chatkit/sessions` (Authorization: Bearer <API key>). */
export type CreateSessionRequest = {
  assistant: { id: string }
  user: string
  /** Seconds; default 600. */
  expires_after?: number
}
export type CreateSessionResponse = {
  client_secret: string
  /** Unix seconds. */
  expires_at: number
  expires_after: number
}

export type ThreadStatus = 'idle' | 'busy' | 'interrupted' | 'error'

export type ApiThread = {
  thread_id: string
  created_at: string
  updated_at: string
  metadata: Record<string, unknown>
  status: ThreadStatus
}

export type CreateThreadRequest = { assistant_id?: string; metadata?: Record<string, unknown> }

export type RunInput = {
  input?: { input: string; files?: unknown[]; references?: unknown[] }
  state?: { human?: { input?: string; [k: string]: unknown }; [k: string]: unknown }
  command?: { resume?: unknown }
  [k: string]: unknown
}

/** `POST /threads/{id}/runs/stream` body. */
export type RunRequest = {
  assistant_id: string
  input: RunInput
  context?: Record<string, unknown>
  config?: Record<string, unknown>
  on_disconnect?: 'continue' | 'cancel'
  retry?: boolean
  followUpMode?: 'queue' | 'steer'
  [k: string]: unknown
}

/** Event names carried by `{type:"event"}` envelopes. */
export const ChatEvent = {
  ConversationStart: 'on_conversation_start',
  ConversationEnd: 'on_conversation_end',
  MessageStart: 'on_message_start',
  MessageEnd: 'on_message_end',
  AgentStart: 'on_agent_start',
  AgentEnd: 'on_agent_end',
  ToolStart: 'on_tool_start',
  ToolEnd: 'on_tool_end',
  ToolError: 'on_tool_error',
  ToolMessage: 'on_tool_message',
  RetrieverStart: 'on_retriever_start',
  RetrieverEnd: 'on_retriever_end',
  RetrieverError: 'on_retriever_error',
  Interrupt: 'on_interrupt',
  ClientEffect: 'on_client_effect',
  ChatEvent: 'on_chat_event',
  Error: 'on_error',
} as const
export type ChatEventName = (typeof ChatEvent)[keyof typeof ChatEvent]

export type TextContent = {
  type: 'text'
  text: string
  id?: string
  agentKey?: string
  executionId?: string
  created_date?: string
}
export type ReasoningContent = {
  type: 'reasoning'
  text: string
  id?: string
  agentKey?: string
  executionId?: string
  created_date?: string
}
export type ComponentContent = {
  type: 'component'
  id: string
  data: {
    category: 'Tool' | 'Computer' | 'Dashboard' | (string & {})
    type: string
    title?: string
    status?: 'running' | 'success' | 'fail' | (string & {})
    input?: unknown
    output?: unknown
    [k: string]: unknown
  }
  agentKey?: string
  executionId?: string
}
export type MemoryContent = { type: 'memory'; data: unknown }
/** `alt`: the image's text alternative (ours; XpertAI sends only the url). */
export type ImageUrlContent = { type: 'image_url'; image_url: string | { url: string; alt?: string } }

export type MessageContent = TextContent | ReasoningContent | ComponentContent | MemoryContent | ImageUrlContent

/** `data:` of one SSE event. */
export type StreamEnvelope =
  | { type: 'message'; data: string | MessageContent }
  | { type: 'event'; event: ChatEventName | (string & {}); data: any }
  | { type: 'complete' }
  | { type: 'error'; error: { code: string; message: string } }

export type ConversationStartData = {
  id: string
  status: ThreadStatus
  runId?: string
  userMessage?: { id: string; clientMessageId?: string }
}
export type ConversationEndData = {
  status: 'idle' | 'error' | 'interrupted' | 'cancelled'
  error?: string
  /** Why the server ended the run, when it did (`run_timeout`). */
  code?: string
}
/** `status` is the run's outcome for this message (`success` | `cancelled` | `error` | `interrupted`). */
export type MessageEndData = { id: string; status?: string }
export type MessageStartData = { id: string; role: 'ai'; executionId?: string; agentKey?: string }

/** A stored message as `GET /conversations/{id}/messages` returns it. */
export type ApiMessage = {
  id: string
  conversationId: string
  role: 'human' | 'ai'
  /** Plain text for human messages; the ordered content parts for AI messages. */
  content: string | MessageContent[]
  status: 'success' | 'streaming' | 'cancelled' | 'error' | 'interrupted' | (string & {})
  error?: string
  runId?: string
  /** The caller's own rating of an AI message (extension: `threadItemActions.feedback` after a reload). */
  feedback?: { rating: 'like' | 'dislike' }
  createdAt: string
  updatedAt: string
}

export type Paginated<T> = { items: T[]; total: number }

export type ApiErrorBody = { error: { code: string; message: string } }

/** Response headers the frame reads. */
export const RUN_ID_HEADER = 'x-run-id'
/**
 * On a run's event stream: how often (ms) the server sends a `: keep-alive` comment when no
 * event is due. A client that hears nothing for a few of these knows the stream stalled.
 */
export const KEEP_ALIVE_HEADER = 'x-keep-alive-ms'
