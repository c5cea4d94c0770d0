import type Database from 'better-sqlite3'
import { messageFromRow, type MessageRow } from '../message-row.js'
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
    `INSERT INTO messages (id, thread_id, run_id, role, content, status, error, metadata, created_at, updated_at, parent_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const update = db.prepare('UPDATE messages SET content = ?, status = ?, error = ?, updated_at = ? WHERE id = ?')
  const updateMeta = db.prepare('UPDATE messages SET metadata = ? WHERE id = ?')
  const byId = db.prepare('SELECT * FROM messages WHERE id = ?')
  const headOf = db.prepare('SELECT head_id FROM threads WHERE id = ?').pluck()
  const setHead = db.prepare('UPDATE threads SET head_id = ? WHERE id = ?')
  // The path: from a leaf up through parent ids (each parent was stored before its child, so the
  // walk ends), then read root first. `depth` 0 is the leaf.
  const walk = (leaf: string) => `WITH RECURSIVE path(id, depth) AS (
      SELECT ${leaf}, 0
      UNION ALL SELECT m.parent_id, p.depth + 1 FROM path p JOIN messages m ON m.id = p.id WHERE m.parent_id IS NOT NULL AND p.depth < 100000
    )`
  const fromHead = walk('(SELECT head_id FROM threads WHERE id = @thread)')
  const last = db.prepare(
    `${fromHead} SELECT m.* FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = @thread AND m.role = @role ORDER BY p.depth LIMIT 1`,
  )
  const page = db.prepare(
    `${fromHead} SELECT m.* FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = @thread ORDER BY p.depth DESC LIMIT @limit OFFSET @offset`,
  )
  const count = db.prepare(`${fromHead} SELECT COUNT(*) FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = @thread`).pluck()
  const pathTo = db.prepare(`${walk('@leaf')} SELECT m.* FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = @thread ORDER BY p.depth DESC`)
  const nodes = db.prepare('SELECT id, parent_id, role FROM messages WHERE thread_id = ? ORDER BY seq')
  const add = db.transaction((m: MessageRecord) => {
    const parent = m.parentId === undefined ? ((headOf.get(m.threadId) as string | null | undefined) ?? null) : m.parentId
    insert.run(m.id, m.threadId, m.runId, m.role, JSON.stringify(m.content), m.status, m.error, JSON.stringify(m.metadata), m.createdAt, m.updatedAt, parent)
    setHead.run(m.id, m.threadId)
  })
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
      add(m)
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
      const r = byId.get(id) as MessageRow | undefined
      return r ? messageFromRow(r) : null
    },
    async last(threadId, role) {
      const r = last.get({ thread: threadId, role }) as MessageRow | undefined
      return r ? messageFromRow(r) : null
    },
    async list(threadId, limit, offset) {
      // One read transaction so `total` and the page agree even while a run is writing.
      return db.transaction(() => ({
        items: (page.all({ thread: threadId, limit, offset }) as MessageRow[]).map(messageFromRow),
        total: count.get({ thread: threadId }) as number,
      }))()
    },
    async path(threadId, leafId) {
      const leaf = leafId ?? (headOf.get(threadId) as string | null | undefined) ?? null
      if (leaf === null) return []
      return (pathTo.all({ thread: threadId, leaf }) as MessageRow[]).map(messageFromRow)
    },
    async tree(threadId) {
      return (nodes.all(threadId) as Row[]).map((r) => ({ id: r.id, parentId: r.parent_id, role: r.role }))
    },
    async head(threadId) {
      return (headOf.get(threadId) as string | null | undefined) ?? null
    },
    async setHead(threadId, messageId) {
      setHead.run(messageId, threadId)
    },
  }
}
