import type { MessageContent, ThreadStatus } from '@xpert-ai/chatkit-protocol'

/**
 * The persistence interface. Routes and the run engine only see this, so a PostgreSQL store can
 * replace SQLite without touching them. Every method is async for that reason, even though
 * better-sqlite3 is synchronous. Repositories are grouped by resource; later resources (files,
 * feedback, persisted run events) arrive as new groups rather than new methods on old ones.
 */
export interface Store {
  readonly sessions: SessionRepo
  readonly threads: ThreadRepo
  readonly messages: MessageRepo
  readonly runs: RunRepo
  readonly files: FileRepo
  readonly feedback: FeedbackRepo
  /**
   * Marks work left behind by a process that died (runs `running`/`pending`, messages `streaming`) as
   * `interrupted`. Called once at startup, before serving.
   */
  recoverInterrupted(at: string): Promise<{ runs: number; messages: number }>
  close(): Promise<void>
}

/** Who a client secret speaks for: one user of one assistant. */
export type Owner = { assistantId: string; userId: string }

export type SessionRecord = Owner & {
  /** SHA-256 hex of the client secret; the secret itself is never stored. */
  secretHash: string
  /** Unix milliseconds. */
  expiresAt: number
  createdAt: string
}

export interface SessionRepo {
  create(session: SessionRecord): Promise<void>
  findByHash(secretHash: string): Promise<SessionRecord | null>
  /** Drops sessions that expired before `now` (ms); returns how many. */
  deleteExpired(now: number): Promise<number>
}

export type ThreadRecord = Owner & {
  id: string
  /** The conversation title (from the first exchange, or renamed); null until there is one. */
  title: string | null
  metadata: Record<string, unknown>
  status: ThreadStatus
  createdAt: string
  updatedAt: string
}

export interface ThreadRepo {
  create(thread: ThreadRecord): Promise<void>
  get(id: string): Promise<ThreadRecord | null>
  setStatus(id: string, status: ThreadStatus, at: string): Promise<void>
  setTitle(id: string, title: string, at: string): Promise<void>
  /** Deletes the thread with its messages, runs and feedback. */
  delete(id: string): Promise<void>
  /**
   * The owner's threads, newest `updatedAt` first; `search` matches the title or any message text
   * (a backend may leave out the text of an answer still `streaming`).
   */
  search(owner: Owner, q: { limit: number; offset: number; search?: string }): Promise<{ items: ThreadRecord[]; total: number }>
}

export type MessageStatus = 'success' | 'streaming' | 'cancelled' | 'error' | 'interrupted'

export type MessageRecord = {
  id: string
  threadId: string
  runId: string | null
  role: 'human' | 'ai'
  /** Human: the text. AI: ordered parts (text / reasoning / component). */
  content: string | MessageContent[]
  status: MessageStatus
  error: string | null
  /** Free-form extras (client message id, files, references). */
  metadata: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

export interface MessageRepo {
  create(message: MessageRecord): Promise<void>
  /** Replaces content/status/error of an existing message (periodic and final saves of an answer). */
  update(id: string, patch: Pick<MessageRecord, 'content' | 'status' | 'error' | 'updatedAt'> & { metadata?: Record<string, unknown> }): Promise<void>
  get(id: string): Promise<MessageRecord | null>
  /** The newest message of `role` in the thread. */
  last(threadId: string, role: MessageRecord['role']): Promise<MessageRecord | null>
  /** Deletes every message of the thread that came after `messageId` (a retry replaces the answer). */
  deleteAfter(threadId: string, messageId: string): Promise<number>
  /** Oldest first. */
  list(threadId: string, limit: number, offset: number): Promise<{ items: MessageRecord[]; total: number }>
}

/** `pending`: a queued follow-up waiting for the thread's current run. */
export type RunStatus = 'pending' | 'running' | 'success' | 'cancelled' | 'error' | 'interrupted'

export type RunRecord = {
  id: string
  threadId: string
  assistantId: string
  status: RunStatus
  error: string | null
  createdAt: string
  updatedAt: string
}

export interface RunRepo {
  create(run: RunRecord): Promise<void>
  get(id: string): Promise<RunRecord | null>
  setStatus(id: string, status: RunStatus, error: string | null, at: string): Promise<void>
}

export type FileRecord = Owner & {
  id: string
  /** SHA-256 of the client secret that uploaded it (the per-secret count limit). */
  secretHash: string
  threadId: string | null
  /** The client's file name: shown, never used as a path. */
  name: string
  /** Sniffed from the bytes, never taken from the client. */
  mimeType: string
  size: number
  createdAt: string
}
export interface FileRepo {
  create(file: FileRecord): Promise<void>
  get(id: string): Promise<FileRecord | null>
  countBySecret(secretHash: string): Promise<number>
}

export type FeedbackRecord = Owner & {
  messageId: string
  rating: 'like' | 'dislike'
  content: string | null
  createdAt: string
  updatedAt: string
}
export interface FeedbackRepo {
  /** One per message per user: a second one replaces the first. */
  upsert(f: FeedbackRecord): Promise<FeedbackRecord>
  list(messageId: string, owner: Owner): Promise<FeedbackRecord[]>
  /** The owner's ratings of `messageIds` (one query), for showing them with a page of messages. */
  ratings(messageIds: readonly string[], owner: Owner): Promise<Map<string, FeedbackRecord['rating']>>
}
