import type Database from 'better-sqlite3'
import type { RunRecord, RunRepo, SessionRecord, SessionRepo } from '../types.js'
import { tickCommitOf } from './tick-commit.js'

/** SQLite repositories. Statements are prepared once; rows map to records in one place each. */

// biome-ignore lint/suspicious/noExplicitAny: driver rows; each repository maps its columns to typed records in one place
export type Row = Record<string, any>

export function sessionRepo(db: Database.Database): SessionRepo {
  const insert = db.prepare('INSERT INTO sessions (secret_hash, assistant_id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
  const byHash = db.prepare('SELECT * FROM sessions WHERE secret_hash = ?')
  const expired = db.prepare('DELETE FROM sessions WHERE expires_at < ?')
  const tick = tickCommitOf(db)
  return {
    create(s) {
      return tick.write(() => void insert.run(s.secretHash, s.assistantId, s.userId, s.expiresAt, s.createdAt))
    },
    async findByHash(hash) {
      const r = byHash.get(hash) as Row | undefined
      return r ? toSession(r) : null
    },
    deleteExpired(now) {
      return tick.write(() => expired.run(now).changes)
    },
  }
}

function toSession(r: Row): SessionRecord {
  return {
    secretHash: r.secret_hash,
    assistantId: r.assistant_id,
    userId: r.user_id,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  }
}

export function runRepo(db: Database.Database): RunRepo {
  const insert = db.prepare('INSERT INTO runs (id, thread_id, assistant_id, status, error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const byId = db.prepare('SELECT * FROM runs WHERE id = ?')
  const setStatus = db.prepare('UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?')
  const ofThread = db.prepare('SELECT id FROM runs WHERE thread_id = ?')
  const running = db.prepare(`SELECT * FROM runs WHERE thread_id = ? AND status = 'running' ORDER BY created_at DESC LIMIT 1`)
  const tick = tickCommitOf(db)
  return {
    async runningOf(threadId) {
      const r = running.get(threadId) as Row | undefined
      return r ? toRun(r) : null
    },
    async idsOfThread(threadId) {
      return (ofThread.all(threadId) as { id: string }[]).map((r) => r.id)
    },
    create(r) {
      return tick.write(() => void insert.run(r.id, r.threadId, r.assistantId, r.status, r.error, r.createdAt, r.updatedAt))
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toRun(r) : null
    },
    setStatus(id, status, error, at) {
      return tick.write(() => void setStatus.run(status, error, at, id))
    },
  }
}

function toRun(r: Row): RunRecord {
  return {
    id: r.id,
    threadId: r.thread_id,
    assistantId: r.assistant_id,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
