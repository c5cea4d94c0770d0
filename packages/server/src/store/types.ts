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
  /**
   * Marks work left behind by a process that died (runs `running`, messages `streaming`) as
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
  metadata: Record<string, unknown>
  status: ThreadStatus
  createdAt: string
  updatedAt: string
}

export interface ThreadRepo {
  create(thread: ThreadRecord): Promise<void>
  get(id: string): Promise<ThreadRecord | null>
  setStatus(id: string, status: ThreadStatus, at: string): Promise<void>
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
  update(id: string, patch: Pick<MessageRecord, 'content' | 'status' | 'error' | 'updatedAt'>): Promise<void>
  /** Oldest first. */
  list(threadId: string, limit: number, offset: number): Promise<{ items: MessageRecord[]; total: number }>
}

export type RunStatus = 'running' | 'success' | 'cancelled' | 'error' | 'interrupted'

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
  finish(id: string, status: Exclude<RunStatus, 'running'>, error: string | null, at: string): Promise<void>
}
