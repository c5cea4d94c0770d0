import type { RunRecord, RunRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

export function runRepo(db: Db): RunRepo {
  return {
    async runningOf(threadId) {
      const { rows } = await db.query(`SELECT * FROM runs WHERE thread_id = $1 AND status = 'running' ORDER BY created_at DESC LIMIT 1`, [threadId])
      return rows[0] ? toRun(rows[0]) : null
    },
    async idsOfThread(threadId) {
      const { rows } = await db.query('SELECT id FROM runs WHERE thread_id = $1', [threadId])
      return rows.map((r) => r.id as string)
    },
    async create(r) {
      await db.query('INSERT INTO runs (id, thread_id, assistant_id, status, error, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        r.id,
        r.threadId,
        r.assistantId,
        r.status,
        r.error,
        r.createdAt,
        r.updatedAt,
      ])
    },
    async get(id) {
      const { rows } = await db.query('SELECT * FROM runs WHERE id = $1', [id])
      return rows[0] ? toRun(rows[0]) : null
    },
    async setStatus(id, status, error, at) {
      await db.query('UPDATE runs SET status = $1, error = $2, updated_at = $3 WHERE id = $4', [status, error, at, id])
    },
  }
}

function toRun(r: Row): RunRecord {
  return { id: r.id, threadId: r.thread_id, assistantId: r.assistant_id, status: r.status, error: r.error, createdAt: r.created_at, updatedAt: r.updated_at }
}
