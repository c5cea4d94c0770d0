import type { ThreadRecord, ThreadRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

// The owner's threads, newest first. `total` and the page come from one statement, so one
// snapshot: they agree even while runs are writing (SQLite reads both in one transaction).
const page = (match: string) => `
  WITH matched AS (SELECT t.* FROM threads t WHERE t.assistant_id = $1 AND t.user_id = $2 ${match})
  SELECT c.total, p.* FROM (SELECT COUNT(*) AS total FROM matched) c
  LEFT JOIN LATERAL (SELECT * FROM matched ORDER BY updated_at DESC, seq DESC LIMIT $3 OFFSET $4) p ON true`
// Titles and message bodies (human text and AI parts as stored JSON), case-insensitively; both
// columns have trigram GIN indexes, so `%term%` does not scan every message. The message index
// covers settled messages only (see the migration): an answer is found once it has ended.
const SEARCH = page(`AND (t.title ILIKE $5 OR t.id IN (SELECT m.thread_id FROM messages m WHERE m.content ILIKE $5 AND m.status <> 'streaming'))`)
const LIST = page('')

export function threadRepo(db: Db): ThreadRepo {
  return {
    async create(t) {
      await db.query(
        `INSERT INTO threads (id, assistant_id, user_id, title, metadata, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [t.id, t.assistantId, t.userId, t.title, JSON.stringify(t.metadata), t.status, t.createdAt, t.updatedAt],
      )
    },
    async get(id) {
      const { rows } = await db.query('SELECT * FROM threads WHERE id = $1', [id])
      return rows[0] ? toThread(rows[0]) : null
    },
    async setStatus(id, status, at) {
      await db.query('UPDATE threads SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id])
    },
    async setTitle(id, title, at) {
      await db.query('UPDATE threads SET title = $1, updated_at = $2 WHERE id = $3', [title, at, id])
    },
    async delete(id) {
      // Messages, runs and feedback go with it (ON DELETE CASCADE).
      await db.query('DELETE FROM threads WHERE id = $1', [id])
    },
    async search(owner, q) {
      const base = [owner.assistantId, owner.userId, q.limit, q.offset]
      // `\` escapes the user's own `%` and `_` (ILIKE's default escape character).
      const { rows } = q.search ? await db.query(SEARCH, [...base, `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`]) : await db.query(LIST, base)
      return { items: rows.filter((r) => r.id !== null).map(toThread), total: Number(rows[0]?.total ?? 0) }
    },
  }
}

function toThread(r: Row): ThreadRecord {
  return {
    id: r.id,
    assistantId: r.assistant_id,
    userId: r.user_id,
    title: r.title ?? null,
    metadata: JSON.parse(r.metadata),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
