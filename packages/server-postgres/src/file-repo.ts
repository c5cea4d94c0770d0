import type { FileRecord, FileRepo, QuotaExceeded } from '@xpert-ai/chatkit-server'
import type { TransactionSql } from 'postgres'
import type { Db, Row } from './db.js'
import { adjust, lockTotals, lockUser, removeFiles } from './upload-usage.js'

/**
 * Files and upload quotas, the PostgreSQL twin of the SQLite repo: usage lives in counters
 * (`upload_usage` per user, `upload_totals` for the server) changed in the same transaction as
 * the check or the rows they count, under a `FOR UPDATE` lock on the user's row (and on the
 * totals row when a disk quota is checked), so replicas racing for the last slot are serialized.
 */
export function fileRepo(db: Db): FileRepo {
  /** The upload's owner, then its row locked behind the owner's usage lock; null when it is gone. */
  const lockUpload = async (tx: TransactionSql, id: string) => {
    const [u] = await tx.unsafe<Row[]>('SELECT assistant_id, user_id FROM uploads WHERE id = $1', [id])
    if (!u) return null
    const owner = { assistantId: u.assistant_id as string, userId: u.user_id as string }
    const mine = await lockUser(tx, owner)
    const [locked] = await tx.unsafe<Row[]>('SELECT bytes FROM uploads WHERE id = $1 FOR UPDATE', [id])
    return locked ? { owner, mine, bytes: Number(locked.bytes) } : null
  }
  const cancel = async (tx: TransactionSql, id: string) => {
    const u = await lockUpload(tx, id)
    if (!u) return
    await tx.unsafe('DELETE FROM uploads WHERE id = $1', [id])
    await adjust(tx, u.owner, -1, -u.bytes)
  }
  const remove = (query: (tx: TransactionSql) => Promise<Row[]>) => db.transaction(async (tx) => removeFiles(tx, await query(tx)))

  return {
    async get(id) {
      const { rows } = await db.query('SELECT * FROM files WHERE id = $1', [id])
      return rows[0] ? toFile(rows[0]) : null
    },
    async pendingUpload(id) {
      const { rows } = await db.query('SELECT id, assistant_id, user_id, expires_at FROM uploads WHERE id = $1', [id])
      const u = rows[0]
      return u ? { id: String(u.id), assistantId: String(u.assistant_id), userId: String(u.user_id), expiresAt: Number(u.expires_at) } : null
    },
    beginUpload: (u, q, now) =>
      db.transaction(async (tx): Promise<QuotaExceeded | null> => {
        const mine = await lockUser(tx, u)
        const [{ n }] = await tx.unsafe<Row[]>('SELECT COUNT(*) AS n FROM uploads WHERE assistant_id = $1 AND user_id = $2 AND expires_at >= $3', [
          u.assistantId,
          u.userId,
          now,
        ])
        if (Number(n) >= q.maxConcurrent) return 'concurrent'
        if (mine.files >= q.maxFiles) return 'files'
        if (mine.bytes >= q.maxBytes) return 'bytes'
        if (q.diskBytes !== null && (await lockTotals(tx)).bytes >= q.diskBytes) return 'disk'
        await tx.unsafe('INSERT INTO uploads (id, assistant_id, user_id, bytes, expires_at) VALUES ($1, $2, $3, 0, $4)', [
          u.id,
          u.assistantId,
          u.userId,
          u.expiresAt,
        ])
        await adjust(tx, u, 1, 0)
        return null
      }),
    reserveBytes: (id, bytes, q) =>
      db.transaction(async (tx): Promise<QuotaExceeded | null> => {
        const u = await lockUpload(tx, id)
        if (!u) throw new Error(`upload ${id} is no longer in progress`)
        if (u.mine.bytes + bytes > q.maxBytes) return 'bytes'
        if (q.diskBytes !== null && (await lockTotals(tx)).bytes + bytes > q.diskBytes) return 'disk'
        await tx.unsafe('UPDATE uploads SET bytes = bytes + $1 WHERE id = $2', [bytes, id])
        await adjust(tx, u.owner, 0, bytes)
        return null
      }),
    finishUpload: (f) =>
      db.transaction(async (tx) => {
        const u = await lockUpload(tx, f.id)
        if (!u) throw new Error(`upload ${f.id} is no longer in progress`)
        await tx.unsafe('DELETE FROM uploads WHERE id = $1', [f.id])
        await tx.unsafe(
          `INSERT INTO files (id, secret_hash, assistant_id, user_id, thread_id, name, mime_type, size, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [f.id, f.secretHash, f.assistantId, f.userId, f.threadId, f.name, f.mimeType, f.size, f.createdAt],
        )
        await adjust(tx, u.owner, 0, f.size - u.bytes)
      }),
    cancelUpload: (id) => db.transaction((tx) => cancel(tx, id)),
    async cancelExpiredUploads(now) {
      const { rows } = await db.query('SELECT id FROM uploads WHERE expires_at < $1 ORDER BY id', [now])
      const ids: string[] = []
      // One transaction per upload: each takes its owner's lock alone, so no two wait on each other.
      for (const { id } of rows) {
        const gone = await db.transaction(async (tx) => {
          const [still] = await tx.unsafe<Row[]>('SELECT 1 FROM uploads WHERE id = $1 AND expires_at < $2', [id, now])
          if (still) await cancel(tx, id)
          return Boolean(still)
        })
        if (gone) ids.push(id)
      }
      return ids
    },
    async attach(fileIds, threadId) {
      if (!fileIds.length) return
      await db.sql`INSERT INTO file_links (file_id, thread_id) SELECT id, ${threadId} FROM files WHERE id IN ${db.sql(fileIds)} ON CONFLICT DO NOTHING`
    },
    deleteForThread: (threadId) =>
      remove((tx) =>
        tx.unsafe<Row[]>(
          `SELECT f.* FROM files f WHERE (f.thread_id = $1 OR EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id AND l.thread_id = $1))
             AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id AND l.thread_id <> $1) FOR UPDATE OF f`,
          [threadId],
        ),
      ),
    deleteForOwner: (o) =>
      remove((tx) => tx.unsafe<Row[]>('SELECT * FROM files WHERE assistant_id = $1 AND user_id = $2 FOR UPDATE', [o.assistantId, o.userId])),
    deleteOrphans: (before) =>
      remove((tx) =>
        tx.unsafe<Row[]>('SELECT f.* FROM files f WHERE f.created_at < $1 AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id) FOR UPDATE OF f', [
          before,
        ]),
      ),
    async known(ids) {
      if (!ids.length) return new Set()
      const rows = await db.sql<Row[]>`SELECT id FROM files WHERE id IN ${db.sql(ids)} UNION SELECT id FROM uploads WHERE id IN ${db.sql(ids)}`
      return new Set(rows.map((r) => r.id as string))
    },
    async usage(o) {
      const { rows } = await db.query('SELECT files, bytes FROM upload_usage WHERE assistant_id = $1 AND user_id = $2', [o.assistantId, o.userId])
      return rows[0] ? { files: Number(rows[0].files), bytes: Number(rows[0].bytes) } : { files: 0, bytes: 0 }
    },
  }
}

function toFile(r: Row): FileRecord {
  return {
    id: r.id,
    secretHash: r.secret_hash,
    assistantId: r.assistant_id,
    userId: r.user_id,
    threadId: r.thread_id,
    name: r.name,
    mimeType: r.mime_type,
    size: Number(r.size),
    createdAt: r.created_at,
  }
}
