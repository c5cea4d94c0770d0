import type Database from 'better-sqlite3'
import type { MessageRecord, MessageRepo } from '../types.js'
import type { Row } from './repos.js'

export function messageRepo(db: Database.Database): MessageRepo {
  const insert = db.prepare(
    `INSERT INTO messages (id, thread_id, run_id, role, content, status, error, metadata, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const update = db.prepare('UPDATE messages SET content = ?, status = ?, error = ?, updated_at = ? WHERE id = ?')
  const updateMeta = db.prepare('UPDATE messages SET metadata = ? WHERE id = ?')
  const byId = db.prepare('SELECT * FROM messages WHERE id = ?')
  const last = db.prepare('SELECT * FROM messages WHERE thread_id = ? AND role = ? ORDER BY seq DESC LIMIT 1')
  const deleteAfter = db.prepare('DELETE FROM messages WHERE thread_id = ? AND seq > (SELECT seq FROM messages WHERE id = ?)')
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
      const content = () => update.run(JSON.stringify(p.content), p.status, p.error, p.updatedAt, id)
      // The periodic saves (one per streaming answer per second) are single statements: no extra transaction.
      if (!p.metadata) return void content()
      db.transaction(() => {
        content()
        updateMeta.run(JSON.stringify(p.metadata), id)
      })()
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toMessage(r) : null
    },
    async last(threadId, role) {
      const r = last.get(threadId, role) as Row | undefined
      return r ? toMessage(r) : null
    },
    async deleteAfter(threadId, messageId) {
      return deleteAfter.run(threadId, messageId).changes
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
