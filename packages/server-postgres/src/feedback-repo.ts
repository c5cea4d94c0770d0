import type { FeedbackRecord, FeedbackRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

export function feedbackRepo(db: Db): FeedbackRepo {
  return {
    async upsert(f) {
      const { rows } = await db.query(
        `INSERT INTO feedbacks (message_id, assistant_id, user_id, rating, content, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (message_id, assistant_id, user_id)
         DO UPDATE SET rating = excluded.rating, content = excluded.content, updated_at = excluded.updated_at
         RETURNING *`,
        [f.messageId, f.assistantId, f.userId, f.rating, f.content, f.createdAt, f.updatedAt],
      )
      return toFeedback(rows[0])
    },
    async list(messageId, owner) {
      const { rows } = await db.query('SELECT * FROM feedbacks WHERE message_id = $1 AND assistant_id = $2 AND user_id = $3', [
        messageId,
        owner.assistantId,
        owner.userId,
      ])
      return rows.map(toFeedback)
    },
    async ratings(messageIds, owner) {
      const ratings = new Map<string, FeedbackRecord['rating']>()
      if (!messageIds.length) return ratings
      // One array parameter, one prepared statement, whatever the page size.
      const { rows } = await db.query<{ message_id: string; rating: FeedbackRecord['rating'] }>(
        'SELECT message_id, rating FROM feedbacks WHERE assistant_id = $1 AND user_id = $2 AND message_id = ANY($3::text[])',
        [owner.assistantId, owner.userId, messageIds],
      )
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
