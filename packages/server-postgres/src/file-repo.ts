import type { FileRecord, FileRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

export function fileRepo(db: Db): FileRepo {
  return {
    async create(f) {
      await db.query(`INSERT INTO files (id, secret_hash, assistant_id, user_id, thread_id, name, mime_type, size, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [f.id, f.secretHash, f.assistantId, f.userId, f.threadId, f.name, f.mimeType, f.size, f.createdAt],
      )
    },
    async get(id) {
      const { rows } = await db.query('SELECT * FROM files WHERE id = $1', [id])
      return rows[0] ? toFile(rows[0]) : null
    },
    async countBySecret(hash) {
      const { rows } = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM files WHERE secret_hash = $1', [hash])
      return Number(rows[0].n)
    },
  }
}

function toFile(r: Row): FileRecord {
  return {
    id: r.id, secretHash: r.secret_hash, assistantId: r.assistant_id, userId: r.user_id, threadId: r.thread_id,
    name: r.name, mimeType: r.mime_type, size: Number(r.size), createdAt: r.created_at,
  }
}
