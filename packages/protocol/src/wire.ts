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
  /** `clientMessageId` comes back in `on_conversation_start.userMessage` (matches the local echo). */
  input?: { input: string; files?: unknown[]; references?: unknown[]; clientMessageId?: string }
  state?: { human?: { input?: string; [k: string]: unknown }; [k: string]: unknown }
  command?: { resume?: unknown }
  [k: string]: unknown
}

/** `POST /threads/{id}/runs/stream` body. */
export type RunRequest = {
  /** Optional: the run uses the thread's assistant; when given it must be that one (403 otherwise). */
  assistant_id?: string
  input: RunInput
  context?: Record<string, unknown>
  config?: Record<string, unknown>
  on_disconnect?: 'continue' | 'cancel'
  retry?: boolean
  followUpMode?: 'queue' | 'steer'
  /**
   * LangGraph's `if_not_exists`: `'create'` makes `POST /threads/{id}/runs/stream` create the
   * thread (with that client-chosen UUID) when it does not exist, so a first message costs one
   * round trip instead of two. `'reject'` (the default) answers 404 for an unknown thread.
   */
  if_not_exists?: 'create' | 'reject'
  /**
   * Branches (extension). With a message: the message the new question follows — an edited
   * question names the parent of the one it replaces (`null`: an edited first question), and the
   * answer lands on a new branch. With `retry: true`: the question to answer again; its new answer
   * is a sibling of the old one. Absent: after the branch shown (what clients without branches do).
   */
  parentMessageId?: string | null
  [k: string]: unknown
}

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
    /**
     * A tool step's output files (the agent's `tool_end` `attachments`): stored files of the
     * conversation's user, shown under the step (option `toolOutputAttachments`) and fetched from
     * `GET /contexts/file/{id}` with the client secret.
     */
    attachments?: ApiAttachment[]
    [k: string]: unknown
  }
  agentKey?: string
  executionId?: string
}
export type MemoryContent = { type: 'memory'; data: unknown }
/** `alt`: the image's text alternative (ours; XpertAI sends only the url). */
export type ImageUrlContent = { type: 'image_url'; image_url: string | { url: string; alt?: string } }

/**
 * One source behind an answer (extension). The answer's text cites it as `[n]`, `n` its 1-based
 * position in the message's `sources` part (Perplexity's convention; see docs/agents.md).
 */
export type SourceItem = { title: string; url: string; snippet?: string }
/** The sources of an AI message (extension): one part per message, re-sent whole as it grows. */
export type SourcesContent = { type: 'sources'; sources: SourceItem[] }
/** Suggested next questions (extension): one part per message, re-sent whole when replaced. */
export type SuggestionsContent = { type: 'suggestions'; suggestions: string[] }

export type MessageContent = TextContent | ReasoningContent | ComponentContent | MemoryContent | ImageUrlContent | SourcesContent | SuggestionsContent

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
  /** AI messages (extension): how long its run(s) took, start to end, in ms; absent while it streams. */
  durationMs?: number
  /** Branches (extension): the message before this one on its branch; null for a first message. */
  parentId?: string | null
  /**
   * Branches (extension): every version of this message (itself included: edited questions, or
   * regenerated answers, that share its parent), oldest first; only when there is more than one.
   */
  siblingIds?: string[]
  /** Human messages: the files sent with it (XpertAI's `attachments`); fetched from `GET /contexts/file/{id}`. */
  attachments?: ApiAttachment[]
  /** Human messages: the references sent with it (`input.input.references`: mentions, quotes), as sent. */
  references?: unknown[]
}

/** A file of a human message. XpertAI's `IStorageFile` names: `originalName`, `mimetype` (read as well). */
export type ApiAttachment = { id: string; name: string; mimeType: string; size?: number }

/** `POST /threads/{id}/branch` body (extension): show the branch through `messageId`. */
export type BranchRequest = { messageId: string }
/** `POST /threads/{id}/copy` body: copy the branch up to `messageId` (default: the whole branch shown) into a new thread. */
export type CopyThreadRequest = { messageId?: string }

export type Paginated<T> = { items: T[]; total: number }

/** Response headers the frame reads. */
export const RUN_ID_HEADER = 'x-run-id'
/**
 * On a run's event stream: how often (ms) the server sends a `: keep-alive` comment when no
 * event is due. A client that hears nothing for a few of these knows the stream stalled.
 */
export const KEEP_ALIVE_HEADER = 'x-keep-alive-ms'
