import type { FollowUpRecord, FollowUpRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

/**
 * The follow-up queue on PostgreSQL, shared by every replica: rows in insertion order (`seq`);
 * a take is one DELETE … RETURNING, so each follow-up goes to exactly one replica.
 */
export function followUpRepo(db: Db): FollowUpRepo {
  return {
    async push(f) {
      // The statement's snapshot does not see its own insert: the count is the others plus this one.
      const { rows } = await db.query(
        `WITH ins AS (INSERT INTO follow_ups (id, thread_id, run_id, mode, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING 1)
         SELECT (SELECT COUNT(*) FROM follow_ups WHERE thread_id = $2) + (SELECT COUNT(*) FROM ins) AS n`,
        [f.id, f.threadId, f.runId, f.mode, JSON.stringify(f.payload), f.createdAt],
      )
      return Number(rows[0].n)
    },
    async takeNext(threadId) {
      const { rows } = await db.query(
        `DELETE FROM follow_ups WHERE seq = (SELECT seq FROM follow_ups WHERE thread_id = $1 ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *`,
        [threadId],
      )
      return rows[0] ? toFollowUp(rows[0]) : null
    },
    async takeSteered(threadId) {
      const { rows } = await db.query(`DELETE FROM follow_ups WHERE thread_id = $1 AND mode = 'steer' RETURNING *`, [threadId])
      return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toFollowUp)
    },
    async remove(runId) {
      const { rowCount } = await db.query(`DELETE FROM follow_ups WHERE run_id = $1 AND mode = 'queue'`, [runId])
      return rowCount > 0
    },
    async count(threadId) {
      const { rows } = await db.query('SELECT COUNT(*) AS n FROM follow_ups WHERE thread_id = $1', [threadId])
      return Number(rows[0].n)
    },
  }
}

function toFollowUp(r: Row): FollowUpRecord {
  return { id: r.id, threadId: r.thread_id, runId: r.run_id, mode: r.mode, payload: JSON.parse(r.payload), createdAt: r.created_at }
}
