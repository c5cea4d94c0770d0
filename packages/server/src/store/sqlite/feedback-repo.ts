import type Database from 'better-sqlite3'
import type { FeedbackRecord, FeedbackRepo } from '../types.js'
import type { Row } from './repos.js'
import { tickCommitOf } from './tick-commit.js'

export function feedbackRepo(db: Database.Database): FeedbackRepo {
  const upsert = db.prepare(
    `INSERT INTO feedbacks (message_id, assistant_id, user_id, rating, content, created_at, updated_at)
     VALUES (@messageId, @assistantId, @userId, @rating, @content, @createdAt, @updatedAt)
     ON CONFLICT (message_id, assistant_id, user_id) DO UPDATE SET rating = excluded.rating, content = excluded.content, updated_at = excluded.updated_at`,
  )
  const one = db.prepare('SELECT * FROM feedbacks WHERE message_id = ? AND assistant_id = ? AND user_id = ?')
  const tick = tickCommitOf(db)
  return {
    upsert(f) {
      return tick.write(() => {
        upsert.run(f)
        return toFeedback(one.get(f.messageId, f.assistantId, f.userId) as Row)
      })
    },
    async list(messageId, owner) {
      return (one.all(messageId, owner.assistantId, owner.userId) as Row[]).map(toFeedback)
    },
    async ratings(messageIds, owner) {
      const ratings = new Map<string, FeedbackRecord['rating']>()
      // A page is at most 200 messages: well under SQLite's bound-parameter limit.
      if (!messageIds.length) return ratings
      const rows = db
        .prepare(`SELECT message_id, rating FROM feedbacks WHERE assistant_id = ? AND user_id = ? AND message_id IN (${messageIds.map(() => '?').join(',')})`)
        .all(owner.assistantId, owner.userId, ...messageIds) as { message_id: string; rating: FeedbackRecord['rating'] }[]
      for (const r of rows) ratings.set(r.message_id, r.rating)
      return ratings
    },
  }
}

function toFeedback(r: Row): FeedbackRecord {
  return {
    messageId: r.message_id,
    assistantId: r.assistant_id,
    userId: r.user_id,
    rating: r.rating,
    content: r.content,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
