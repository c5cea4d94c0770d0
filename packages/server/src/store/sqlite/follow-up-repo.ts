import type Database from 'better-sqlite3'
import type { FollowUpRecord, FollowUpRepo } from '../types.js'
import type { Row } from './repos.js'
import { tickCommitOf } from './tick-commit.js'

/** The follow-up queue on SQLite: a table in insertion order (`seq`); a take is a DELETE … RETURNING. */
export function followUpRepo(db: Database.Database): FollowUpRepo {
  const insert = db.prepare('INSERT INTO follow_ups (id, thread_id, run_id, mode, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const countOf = db.prepare('SELECT COUNT(*) AS n FROM follow_ups WHERE thread_id = ?')
  const takeNext = db.prepare('DELETE FROM follow_ups WHERE seq = (SELECT MIN(seq) FROM follow_ups WHERE thread_id = ?) RETURNING *')
  const takeSteered = db.prepare(`DELETE FROM follow_ups WHERE thread_id = ? AND mode = 'steer' RETURNING *`)
  const remove = db.prepare(`DELETE FROM follow_ups WHERE run_id = ? AND mode = 'queue'`)
  const push = db.transaction((f: FollowUpRecord) => {
    insert.run(f.id, f.threadId, f.runId, f.mode, JSON.stringify(f.payload), f.createdAt)
    return (countOf.get(f.threadId) as { n: number }).n
  })
  const tick = tickCommitOf(db)
  return {
    push(f) {
      return tick.write(() => push(f))
    },
    takeNext(threadId) {
      return tick.write(() => {
        const r = takeNext.get(threadId) as Row | undefined
        return r ? toFollowUp(r) : null
      })
    },
    takeSteered(threadId) {
      return tick.write(() => (takeSteered.all(threadId) as Row[]).sort((a, b) => a.seq - b.seq).map(toFollowUp))
    },
    remove(runId) {
      return tick.write(() => remove.run(runId).changes > 0)
    },
    async count(threadId) {
      return (countOf.get(threadId) as { n: number }).n
    },
  }
}

function toFollowUp(r: Row): FollowUpRecord {
  const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload
  return { id: r.id, threadId: r.thread_id, runId: r.run_id, mode: r.mode, payload, createdAt: r.created_at }
}
