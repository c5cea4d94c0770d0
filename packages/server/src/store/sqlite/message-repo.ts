import type Database from 'better-sqlite3'
import { messageFromRow, type MessageRow } from '../message-row.js'
import type { MessageRecord, MessageRepo } from '../types.js'
import type { Row } from './repos.js'
import { tickCommitOf } from './tick-commit.js'

/**
 * Messages. Every write joins the connection's group commit (tick-commit.ts): a thousand
 * streaming answers saved in one tick (their periodic saves, their final saves) cost one commit,
 * and each caller's promise settles once its row is committed.
 */
export function messageRepo(db: Database.Database): MessageRepo {
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
  // Its own savepoint inside the tick's transaction: a failing row fails its own caller only.
  const apply = db.transaction((id: string, content: string, status: string, error: string | null, updatedAt: string, metadata: string | null) => {
    update.run(content, status, error, updatedAt, id)
    if (metadata !== null) updateMeta.run(metadata, id)
  })
  const tick = tickCommitOf(db)
  return {
    create(m) {
      return tick.write(() => void add(m))
    },
    update(id, p) {
      // Written now, in the tick's transaction: what the caller passed is what is saved.
      return tick.write(() => void apply(id, JSON.stringify(p.content), p.status, p.error, p.updatedAt, p.metadata ? JSON.stringify(p.metadata) : null))
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
    setHead(threadId, messageId) {
      return tick.write(() => void setHead.run(messageId, threadId))
    },
  }
}
