import type Database from 'better-sqlite3'
import type { MessageRecord, MessageRepo } from '../types.js'
import type { Row } from './repos.js'

type PendingUpdate = { id: string; content: string; status: string; error: string | null; updatedAt: string; metadata: string | null; done(e?: unknown): void }

/**
 * Messages. Updates (a streaming answer's periodic saves, and its final save) are group-committed:
 * every update made in one tick is written in one transaction at the end of the tick, in order,
 * and each caller's promise settles once its row is committed. A thousand streaming answers thus
 * cost one commit per tick instead of a thousand. `flush()` writes what is queued now (call before
 * closing the database).
 */
export function messageRepo(db: Database.Database): MessageRepo & { flush(): void } {
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
  let queue: PendingUpdate[] = []
  let scheduled = false
  // One savepoint per update inside the tick's transaction: a failing row fails its own caller only.
  const apply = db.transaction((u: PendingUpdate) => {
    update.run(u.content, u.status, u.error, u.updatedAt, u.id)
    if (u.metadata !== null) updateMeta.run(u.metadata, u.id)
  })
  function flush(): void {
    scheduled = false
    const ops = queue
    queue = []
    if (ops.length === 0) return
    const failed = new Map<PendingUpdate, unknown>()
    try {
      db.transaction(() => {
        for (const u of ops) {
          try {
            apply(u)
          } catch (e) {
            failed.set(u, e)
          }
        }
      })()
    } catch (e) {
      for (const u of ops) if (!failed.has(u)) failed.set(u, e)
    }
    for (const u of ops) u.done(failed.get(u))
  }
  return {
    flush,
    async create(m) {
      insert.run(
        m.id, m.threadId, m.runId, m.role, JSON.stringify(m.content), m.status, m.error,
        JSON.stringify(m.metadata), m.createdAt, m.updatedAt,
      )
    },
    update(id, p) {
      // Serialized now: what the caller passed is what is saved, whatever happens to it later.
      const content = JSON.stringify(p.content)
      const metadata = p.metadata ? JSON.stringify(p.metadata) : null
      return new Promise<void>((resolve, reject) => {
        queue.push({ id, content, status: p.status, error: p.error, updatedAt: p.updatedAt, metadata, done: (e) => (e === undefined ? resolve() : reject(e)) })
        if (scheduled) return
        scheduled = true
        setImmediate(flush)
      })
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
