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
  readonly followUps: FollowUpRepo
  /**
   * Marks work left behind by a process that died (runs `running`/`pending`, messages `streaming`) as
   * `interrupted`, drops the follow-ups it left waiting, and cancels its uploads in progress (freeing their quota; the file sweep then
   * removes their partial bytes). Called once at startup, before serving.
   */
  recoverInterrupted(at: string): Promise<{ runs: number; messages: number; uploads: number }>
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
  /** Deletes the thread with its messages, runs, feedback and logged run events, leaving no readable copy (SQLite: `secure_delete`). */
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
  /** The ids of a thread's runs (their events go with the conversation when a log keeps them elsewhere). */
  idsOfThread(threadId: string): Promise<string[]>
  /** The thread's run in status `running` (the one a steered message joins), or null. */
  runningOf(threadId: string): Promise<RunRecord | null>
}

export type FileRecord = Owner & {
  id: string
  /** SHA-256 of the client secret that uploaded it (kept for audit; quotas count per user). */
  secretHash: string
  /** The conversation named at upload (`threadId` field), if any. */
  threadId: string | null
  /** The client's file name: shown, never used as a path. */
  name: string
  /** Sniffed from the bytes, never taken from the client. */
  mimeType: string
  size: number
  createdAt: string
}

/**
 * The limits an upload is checked against, every time it grows. "Files" and "bytes" count a
 * user's stored files plus their uploads in progress, so parallel uploads cannot overshoot.
 */
export type UploadQuota = {
  /** Files one user (assistant + user id) may keep. */
  maxFiles: number
  /** Bytes one user may keep. */
  maxBytes: number
  /** Uploads one user may have in progress at once. */
  maxConcurrent: number
  /** Bytes all users together may keep; null: no server-wide quota. */
  diskBytes: number | null
}

/** Which limit refused an upload. */
export type QuotaExceeded = 'files' | 'bytes' | 'concurrent' | 'disk'

/** An upload in progress: it holds one file and the bytes reserved so far until it finishes or is cancelled. */
export type UploadStart = Owner & {
  /** The id the file will have. */
  id: string
  /** Unix ms after which the upload is dead: the sweep cancels it and frees what it held. */
  expiresAt: number
}

/**
 * Files and their quota accounting. Every method that changes usage does so atomically with its
 * check or its rows (one transaction), so a PostgreSQL store can implement the same contract with
 * a row lock on the user's usage row. Usage counts stored files plus uploads in progress.
 */
export interface FileRepo {
  get(id: string): Promise<FileRecord | null>
  /**
   * Atomically: refuse (returning which limit) when the user already has `maxConcurrent` unexpired
   * uploads in progress, `maxFiles` files, `maxBytes` bytes, or the server `diskBytes`; otherwise
   * record the upload in progress, holding one file and no bytes yet. `now` is unix ms.
   */
  beginUpload(upload: UploadStart, quota: UploadQuota, now: number): Promise<QuotaExceeded | null>
  /** An upload in progress (begun, not finished, cancelled or swept): its owner and expiry; null when there is none. */
  pendingUpload(uploadId: string): Promise<UploadStart | null>
  /** Atomically adds `bytes` to the upload's reservation, or refuses (nothing changes). Throws when the upload is gone. */
  reserveBytes(uploadId: string, bytes: number, quota: UploadQuota): Promise<QuotaExceeded | null>
  /** Turns the upload in progress into the stored file (one transaction); usage becomes `file.size`. */
  finishUpload(file: FileRecord): Promise<void>
  /** Drops an upload in progress and frees what it held; a no-op when it is gone. */
  cancelUpload(uploadId: string): Promise<void>
  /** Cancels uploads in progress that expired before `now` (unix ms); returns their ids (their partial bytes go too). */
  cancelExpiredUploads(now: number): Promise<string[]>
  /** Records that a message of `threadId` refers to these files: they now live as long as that conversation. */
  attach(fileIds: readonly string[], threadId: string): Promise<void>
  /**
   * Deletes the files of a conversation about to be deleted (attached to it, or uploaded for it and
   * never attached) that no other conversation refers to; frees their usage; returns their ids.
   */
  deleteForThread(threadId: string): Promise<string[]>
  /** Deletes every file of one user (their data is being deleted); returns the ids. */
  deleteForOwner(owner: Owner): Promise<string[]>
  /** Deletes files created before `createdBefore` (ISO) that no conversation refers to; returns the ids. */
  deleteOrphans(createdBefore: string): Promise<string[]>
  /** Which of `ids` are stored files or uploads in progress (the sweep removes bytes of the others). */
  known(ids: readonly string[]): Promise<Set<string>>
  /** What one user holds now, uploads in progress included. */
  usage(owner: Owner): Promise<{ files: number; bytes: number }>
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

/**
 * A message waiting for its thread's run, kept in the store so that any replica can take it and
 * the one running the thread's agent finds it. `queue`: it becomes its own run (`runId`, status
 * `pending`) after the current one. `steer`: offered to the running agent (`ctx.followUps`) of run
 * `runId`; when that agent does not take it, it is run afterwards like a queued one.
 */
export type FollowUpRecord = {
  /** The follow-up's human message id (unique). */
  id: string
  threadId: string
  runId: string
  mode: 'queue' | 'steer'
  /** What the engine needs to start it (JSON; the store does not look inside). */
  payload: Record<string, unknown>
  createdAt: string
}

export interface FollowUpRepo {
  /** Appends to the thread's queue (insertion order is the run order); returns the thread's count of waiting follow-ups. */
  push(f: FollowUpRecord): Promise<number>
  /** Removes and returns the thread's oldest follow-up (any mode), or null. Each is taken by exactly one caller. */
  takeNext(threadId: string): Promise<FollowUpRecord | null>
  /** Removes and returns the thread's steered follow-ups, oldest first. */
  takeSteered(threadId: string): Promise<FollowUpRecord[]>
  /** Removes the queued follow-up of run `runId` (cancelled before it started); false when none waits. */
  remove(runId: string): Promise<boolean>
  /** How many follow-ups wait on the thread. */
  count(threadId: string): Promise<number>
}
