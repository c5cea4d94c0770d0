import type { SessionRecord, SessionRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

export function sessionRepo(db: Db): SessionRepo {
  return {
    async create(s) {
      await db.query('INSERT INTO sessions (secret_hash, assistant_id, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
        s.secretHash,
        s.assistantId,
        s.userId,
        s.expiresAt,
        s.createdAt,
      ])
    },
    async findByHash(hash) {
      const { rows } = await db.query('SELECT * FROM sessions WHERE secret_hash = $1', [hash])
      return rows[0] ? toSession(rows[0]) : null
    },
    async deleteExpired(now) {
      return (await db.query('DELETE FROM sessions WHERE expires_at < $1', [now])).rowCount
    },
  }
}

function toSession(r: Row): SessionRecord {
  return { secretHash: r.secret_hash, assistantId: r.assistant_id, userId: r.user_id, expiresAt: Number(r.expires_at), createdAt: r.created_at }
}
