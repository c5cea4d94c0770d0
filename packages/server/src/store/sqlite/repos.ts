import type Database from 'better-sqlite3'
import type {
  MessageRecord,
  MessageRepo,
  RunRecord,
  RunRepo,
  SessionRecord,
  SessionRepo,
  ThreadRecord,
  ThreadRepo,
} from '../types.js'

/** SQLite repositories. Statements are prepared once; rows map to records in one place each. */

type Row = Record<string, any>

export function sessionRepo(db: Database.Database): SessionRepo {
  const insert = db.prepare(
    'INSERT INTO sessions (secret_hash, assistant_id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const byHash = db.prepare('SELECT * FROM sessions WHERE secret_hash = ?')
  const expired = db.prepare('DELETE FROM sessions WHERE expires_at < ?')
  return {
    async create(s) {
      insert.run(s.secretHash, s.assistantId, s.userId, s.expiresAt, s.createdAt)
    },
    async findByHash(hash) {
      const r = byHash.get(hash) as Row | undefined
      return r ? toSession(r) : null
    },
    async deleteExpired(now) {
      return expired.run(now).changes
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

export function threadRepo(db: Database.Database): ThreadRepo {
  const insert = db.prepare(
    `INSERT INTO threads (id, assistant_id, user_id, metadata, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const byId = db.prepare('SELECT * FROM threads WHERE id = ?')
  const status = db.prepare('UPDATE threads SET status = ?, updated_at = ? WHERE id = ?')
  return {
    async create(t) {
      insert.run(t.id, t.assistantId, t.userId, JSON.stringify(t.metadata), t.status, t.createdAt, t.updatedAt)
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toThread(r) : null
    },
    async setStatus(id, s, at) {
      status.run(s, at, id)
    },
  }
}

function toThread(r: Row): ThreadRecord {
  return {
    id: r.id,
    assistantId: r.assistant_id,
    userId: r.user_id,
    metadata: JSON.parse(r.metadata),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export function messageRepo(db: Database.Database): MessageRepo {
  const insert = db.prepare(
    `INSERT INTO messages (id, thread_id, run_id, role, content, status, error, metadata, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const update = db.prepare('UPDATE messages SET content = ?, status = ?, error = ?, updated_at = ? WHERE id = ?')
  const page = db.prepare('SELECT * FROM messages WHERE thread_id = ? ORDER BY seq LIMIT ? OFFSET ?')
  const count = db.prepare('SELECT COUNT(*) AS n FROM messages WHERE thread_id = ?')
  return {
    async create(m) {
      insert.run(
        m.id, m.threadId, m.runId, m.role, JSON.stringify(m.content), m.status, m.error,
        JSON.stringify(m.metadata), m.createdAt, m.updatedAt,
      )
    },
    async update(id, p) {
      update.run(JSON.stringify(p.content), p.status, p.error, p.updatedAt, id)
    },
    async list(threadId, limit, offset) {
      // One read transaction so `total` and the page agree even while a run is writing.
      return db.transaction(() => ({
        items: (page.all(threadId, limit, offset) as Row[]).map(toMessage),
        total: (count.get(threadId) as { n: number }).n,
      }))()
    },
  }
}

function toMessage(r: Row): MessageRecord {
  return {
    id: r.id,
    threadId: r.thread_id,
    runId: r.run_id,
    role: r.role,
    content: JSON.parse(r.content),
    status: r.status,
    error: r.error,
    metadata: JSON.parse(r.metadata),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export function runRepo(db: Database.Database): RunRepo {
  const insert = db.prepare(
    'INSERT INTO runs (id, thread_id, assistant_id, status, error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const byId = db.prepare('SELECT * FROM runs WHERE id = ?')
  const finish = db.prepare('UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?')
  return {
    async create(r) {
      insert.run(r.id, r.threadId, r.assistantId, r.status, r.error, r.createdAt, r.updatedAt)
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toRun(r) : null
    },
    async finish(id, status, error, at) {
      finish.run(status, error, at, id)
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
