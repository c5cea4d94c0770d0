import type Database from 'better-sqlite3'
import type { ThreadRecord, ThreadRepo } from '../types.js'
import type { Row } from './repos.js'
import { tickCommitOf } from './tick-commit.js'

export function threadRepo(db: Database.Database): ThreadRepo {
  const insert = db.prepare(
    `INSERT INTO threads (id, assistant_id, user_id, title, metadata, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byId = db.prepare('SELECT * FROM threads WHERE id = ?')
  const status = db.prepare('UPDATE threads SET status = ?, updated_at = ? WHERE id = ?')
  const title = db.prepare('UPDATE threads SET title = ?, updated_at = ? WHERE id = ?')
  const remove = db.prepare('DELETE FROM threads WHERE id = ?')
  // The run-event log (same file) holds the streamed text of the thread's runs (journal rows, and
  // each closed run's archive in run_event_logs) until it is trimmed.
  const removeJournal = db.prepare('DELETE FROM run_event_journal WHERE run_id IN (SELECT id FROM runs WHERE thread_id = ?)')
  const removeLogs = db.prepare('DELETE FROM run_event_logs WHERE run_id IN (SELECT id FROM runs WHERE thread_id = ?)')
  const erase = db.transaction((id: string) => {
    removeJournal.run(id)
    removeLogs.run(id)
    remove.run(id)
  })
  // The text search looks at titles and message bodies (human text and AI parts as stored JSON);
  // LIKE with an escape keeps the user's `%` and `_` literal.
  const where = `WHERE t.assistant_id = @assistant AND t.user_id = @user AND (@q IS NULL
      OR t.title LIKE @q ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND m.content LIKE @q ESCAPE '\\'))`
  const page = db.prepare(`SELECT t.* FROM threads t ${where} ORDER BY t.updated_at DESC, t.rowid DESC LIMIT @limit OFFSET @offset`)
  const count = db.prepare(`SELECT COUNT(*) AS n FROM threads t ${where}`)
  const tick = tickCommitOf(db)
  return {
    create(t) {
      return tick.write(() => void insert.run(t.id, t.assistantId, t.userId, t.title, JSON.stringify(t.metadata), t.status, t.createdAt, t.updatedAt))
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toThread(r) : null
    },
    setStatus(id, s, at) {
      return tick.write(() => void status.run(s, at, id))
    },
    setTitle(id, t, at) {
      return tick.write(() => void title.run(t, at, id))
    },
    async delete(id) {
      await tick.write(() => erase(id))
      // With secure_delete the freed pages are zeroed; a checkpoint moves that into the main file
      // and truncates the WAL, so no earlier copy of the conversation stays in either file. It
      // cannot run inside a transaction: what this turn wrote meanwhile is committed first.
      tick.commitNow()
      if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)')
    },
    async search(owner, q) {
      const like = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null
      const params = { assistant: owner.assistantId, user: owner.userId, q: like, limit: q.limit, offset: q.offset }
      return db.transaction(() => ({
        items: (page.all(params) as Row[]).map(toThread),
        total: (count.get(params) as { n: number }).n,
      }))()
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
