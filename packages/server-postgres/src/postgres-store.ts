import postgres from 'postgres'
import type { FeedbackRepo, FileRepo, FollowUpRepo, MessageRepo, RunRepo, SessionRepo, Store, ThreadRepo } from '@xpert-ai/chatkit-server'
import { createDb, type Db } from './db.js'
import { feedbackRepo } from './feedback-repo.js'
import { fileRepo } from './file-repo.js'
import { followUpRepo } from './follow-up-repo.js'
import { messageRepo } from './message-repo.js'
import { migrate, SchemaTooNewError } from './migrations.js'
import { runRepo } from './run-repo.js'
import { sessionRepo } from './session-repo.js'
import { threadRepo } from './thread-repo.js'
import { guarded } from './unavailable.js'

export type PostgresStoreOptions = {
  /** `postgres://user:password@host:port/database` */
  url: string
  /** Connections in the pool. Default 10. */
  poolSize?: number
  /** How long to wait for a connection (ms), at startup and later. Default 5 000. */
  connectTimeoutMs?: number
}

/** The database cannot be used: unreachable, refused, or a schema from a newer server. One line. */
export class PostgresStoreError extends Error {
  override name = 'PostgresStoreError'
}

/**
 * The `Store` on PostgreSQL, for many replicas sharing one database. Open it with
 * `PostgresStore.connect()`, which checks the connection and runs the migrations first.
 */
export class PostgresStore implements Store {
  readonly sessions: SessionRepo
  readonly threads: ThreadRepo
  readonly messages: MessageRepo
  readonly runs: RunRepo
  readonly files: FileRepo
  readonly feedback: FeedbackRepo
  readonly followUps: FollowUpRepo
  private readonly flushMessages: () => Promise<void>
  private closing: Promise<void> | null = null

  private constructor(readonly db: Db) {
    // An outage of the database is a 503 `store_unavailable` for the request, never a 500.
    this.sessions = guarded(sessionRepo(db))
    this.threads = guarded(threadRepo(db))
    const messages = messageRepo(db)
    this.messages = guarded(messages)
    this.flushMessages = messages.flush
    this.runs = guarded(runRepo(db))
    this.files = guarded(fileRepo(db))
    this.feedback = guarded(feedbackRepo(db))
    this.followUps = guarded(followUpRepo(db))
  }

  /** Connects, migrates, and returns the store; throws `PostgresStoreError` with a one-line reason. */
  static async connect(options: PostgresStoreOptions): Promise<PostgresStore> {
    const where = describeUrl(options.url)
    const sql = postgres(options.url, {
      max: options.poolSize ?? 10,
      connect_timeout: Math.ceil((options.connectTimeoutMs ?? 5000) / 1000),
      connection: { application_name: 'chatkit-server' },
      onnotice: () => {},
    })
    try {
      await migrate(sql, new Date().toISOString())
    } catch (e) {
      await sql.end({ timeout: 1 }).catch(() => {})
      if (e instanceof SchemaTooNewError) throw new PostgresStoreError(`${where}: ${e.message}`)
      throw new PostgresStoreError(`PostgreSQL at ${where}: ${reason(e)}`)
    }
    return new PostgresStore(createDb(sql))
  }

  async recoverInterrupted(at: string) {
    // Startup: every upload in progress belongs to a process that is gone (or to a replica whose
    // uploads the caller decided to end), so all are cancelled, freeing their quota.
    const uploads = (await this.files.cancelExpiredUploads(Number.MAX_SAFE_INTEGER)).length
    const work = await this.db.transaction(async (tx) => {
      const runs = await tx.unsafe(
        `UPDATE runs SET status = 'interrupted', error = 'server stopped during the run', updated_at = $1 WHERE status IN ('running', 'pending')`,
        [at],
      )
      // The error tells a crash-cut answer from one waiting for the user (also 'interrupted', no error).
      const messages = await tx.unsafe(
        `UPDATE messages SET status = 'interrupted', error = 'server stopped during the run', updated_at = $1 WHERE status = 'streaming'`,
        [at],
      )
      await tx.unsafe(`UPDATE threads SET status = 'idle', updated_at = $1 WHERE status = 'busy'`, [at])
      // Their runs were marked interrupted above: nothing is left to start them.
      await tx.unsafe('DELETE FROM follow_ups')
      return { runs: runs.count, messages: messages.count }
    })
    return { ...work, uploads }
  }

  /** Writes the queued message saves, then closes the pool. */
  close(): Promise<void> {
    return (this.closing ??= this.flushMessages()
      .catch(() => {})
      .then(() => this.db.sql.end({ timeout: 5 })))
  }
}

/** host:port/database, never the password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return `"${u.protocol}" (expected a postgres:// URL)`
    return `${u.hostname}:${u.port || 5432}${u.pathname}`
  } catch {
    return 'an unparsable URL'
  }
}

function reason(e: unknown): string {
  const err = e as { code?: string; message?: string }
  const msg = (err.message || String(e)).split('\n')[0]
  if (err.code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running there?)'
  if (err.code === 'ENOTFOUND') return 'host not found'
  if (err.code === 'CONNECT_TIMEOUT' || /timeout/i.test(msg)) return 'no answer within the connect timeout'
  return err.code && !msg.includes(err.code) ? `${msg} (${err.code})` : msg
}
