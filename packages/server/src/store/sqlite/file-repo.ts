import type Database from 'better-sqlite3'
import type { FileRecord, FileRepo, Owner, QuotaExceeded, UploadQuota } from '../types.js'
import type { Row } from './repos.js'
import { tickCommitOf } from './tick-commit.js'

/**
 * Files and upload quotas. Usage lives in counters (`upload_usage` per user, `upload_totals` for
 * the server) changed in the same IMMEDIATE transaction as the check or the rows they count, so
 * two uploads racing for the last slot are serialized by SQLite's write lock.
 */
export function fileRepo(db: Database.Database): FileRepo {
  const insert = db.prepare(
    `INSERT INTO files (id, secret_hash, assistant_id, user_id, thread_id, name, mime_type, size, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byId = db.prepare('SELECT * FROM files WHERE id = ?')
  const userUsage = db.prepare('SELECT files, bytes FROM upload_usage WHERE assistant_id = ? AND user_id = ?')
  const totals = db.prepare('SELECT files, bytes FROM upload_totals WHERE id = 0')
  const addUser = db.prepare(
    `INSERT INTO upload_usage (assistant_id, user_id, files, bytes) VALUES (?, ?, ?, ?)
     ON CONFLICT (assistant_id, user_id) DO UPDATE SET files = files + excluded.files, bytes = bytes + excluded.bytes`,
  )
  const dropEmpty = db.prepare('DELETE FROM upload_usage WHERE assistant_id = ? AND user_id = ? AND files <= 0')
  const addTotal = db.prepare(
    `INSERT INTO upload_totals (id, files, bytes) VALUES (0, ?, ?)
     ON CONFLICT (id) DO UPDATE SET files = files + excluded.files, bytes = bytes + excluded.bytes`,
  )
  const inProgress = db.prepare('SELECT COUNT(*) AS n FROM uploads WHERE assistant_id = ? AND user_id = ? AND expires_at >= ?')
  const insertUpload = db.prepare('INSERT INTO uploads (id, assistant_id, user_id, bytes, expires_at) VALUES (?, ?, ?, 0, ?)')
  const upload = db.prepare('SELECT * FROM uploads WHERE id = ?')
  const growUpload = db.prepare('UPDATE uploads SET bytes = bytes + ? WHERE id = ?')
  const removeUpload = db.prepare('DELETE FROM uploads WHERE id = ?')
  const expired = db.prepare('SELECT id FROM uploads WHERE expires_at < ?')
  const link = db.prepare('INSERT OR IGNORE INTO file_links (file_id, thread_id) SELECT id, ? FROM files WHERE id = ?')
  const removeFile = db.prepare('DELETE FROM files WHERE id = ?')
  const ofThread = db.prepare(
    `SELECT f.* FROM files f WHERE (f.thread_id = @thread OR EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id AND l.thread_id = @thread))
       AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id AND l.thread_id <> @thread)`,
  )
  const ofOwner = db.prepare('SELECT * FROM files WHERE assistant_id = ? AND user_id = ?')
  const orphans = db.prepare('SELECT f.* FROM files f WHERE f.created_at < ? AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id)')

  /** Moves usage of one user and of the server by (files, bytes); a user at zero files loses their row. */
  const adjust = (o: Owner, files: number, bytes: number) => {
    addUser.run(o.assistantId, o.userId, files, bytes)
    addTotal.run(files, bytes)
    if (files < 0) dropEmpty.run(o.assistantId, o.userId)
  }
  const usageOf = (o: Owner) => (userUsage.get(o.assistantId, o.userId) as { files: number; bytes: number } | undefined) ?? { files: 0, bytes: 0 }
  const total = () => (totals.get() as { files: number; bytes: number } | undefined) ?? { files: 0, bytes: 0 }
  /** Deletes file rows (their links cascade) and frees their usage; returns the ids. */
  const removeFiles = (rows: Row[]) => {
    for (const r of rows) {
      removeFile.run(r.id)
      adjust({ assistantId: r.assistant_id, userId: r.user_id }, -1, -r.size)
    }
    return rows.map((r) => r.id as string)
  }
  const cancel = (id: string) => {
    const u = upload.get(id) as Row | undefined
    if (!u) return
    removeUpload.run(id)
    adjust({ assistantId: u.assistant_id, userId: u.user_id }, -1, -u.bytes)
  }

  const begin = db.transaction(
    (u: { id: string; assistantId: string; userId: string; expiresAt: number }, q: UploadQuota, now: number): QuotaExceeded | null => {
      if ((inProgress.get(u.assistantId, u.userId, now) as { n: number }).n >= q.maxConcurrent) return 'concurrent'
      const mine = usageOf(u)
      if (mine.files >= q.maxFiles) return 'files'
      if (mine.bytes >= q.maxBytes) return 'bytes'
      if (q.diskBytes !== null && total().bytes >= q.diskBytes) return 'disk'
      insertUpload.run(u.id, u.assistantId, u.userId, u.expiresAt)
      adjust(u, 1, 0)
      return null
    },
  )
  const reserve = db.transaction((id: string, bytes: number, q: UploadQuota): QuotaExceeded | null => {
    const u = upload.get(id) as Row | undefined
    if (!u) throw new Error(`upload ${id} is no longer in progress`)
    const owner = { assistantId: u.assistant_id, userId: u.user_id }
    if (usageOf(owner).bytes + bytes > q.maxBytes) return 'bytes'
    if (q.diskBytes !== null && total().bytes + bytes > q.diskBytes) return 'disk'
    growUpload.run(bytes, id)
    adjust(owner, 0, bytes)
    return null
  })
  const finish = db.transaction((f: FileRecord) => {
    const u = upload.get(f.id) as Row | undefined
    if (!u) throw new Error(`upload ${f.id} is no longer in progress`)
    removeUpload.run(f.id)
    insert.run(f.id, f.secretHash, f.assistantId, f.userId, f.threadId, f.name, f.mimeType, f.size, f.createdAt)
    adjust(f, 0, f.size - u.bytes)
  })

  const tick = tickCommitOf(db)
  return {
    async get(id) {
      const r = byId.get(id) as Row | undefined
      return r ? toFile(r) : null
    },
    beginUpload(u, quota, now) {
      return tick.write(() => begin.immediate(u, quota, now))
    },
    async pendingUpload(id) {
      const u = upload.get(id) as Row | undefined
      return u ? { id: u.id as string, assistantId: u.assistant_id as string, userId: u.user_id as string, expiresAt: Number(u.expires_at) } : null
    },
    reserveBytes(id, bytes, quota) {
      return tick.write(() => reserve.immediate(id, bytes, quota))
    },
    finishUpload(f) {
      return tick.write(() => void finish.immediate(f))
    },
    cancelUpload(id) {
      return tick.write(() => void db.transaction(cancel).immediate(id))
    },
    cancelExpiredUploads(now) {
      return tick.write(() =>
        db
          .transaction(() => {
            const ids = (expired.all(now) as { id: string }[]).map((r) => r.id)
            ids.forEach(cancel)
            return ids
          })
          .immediate(),
      )
    },
    attach(fileIds, threadId) {
      return tick.write(() =>
        db.transaction(() =>
          fileIds.forEach((id) => {
            link.run(threadId, id)
          }),
        )(),
      )
    },
    deleteForThread(threadId) {
      return tick.write(() => db.transaction(() => removeFiles(ofThread.all({ thread: threadId }) as Row[])).immediate())
    },
    deleteForOwner(owner) {
      return tick.write(() => db.transaction(() => removeFiles(ofOwner.all(owner.assistantId, owner.userId) as Row[])).immediate())
    },
    deleteOrphans(createdBefore) {
      return tick.write(() => db.transaction(() => removeFiles(orphans.all(createdBefore) as Row[])).immediate())
    },
    async known(ids) {
      const found = new Set<string>()
      // Batches stay well under SQLite's bound-parameter limit.
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500)
        const marks = batch.map(() => '?').join(',')
        const rows = db.prepare(`SELECT id FROM files WHERE id IN (${marks}) UNION SELECT id FROM uploads WHERE id IN (${marks})`).all(...batch, ...batch) as {
          id: string
        }[]
        for (const r of rows) found.add(r.id)
      }
      return found
    },
    async usage(owner) {
      return usageOf(owner)
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
    size: r.size,
    createdAt: r.created_at,
  }
}
