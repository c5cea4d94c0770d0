import type { MessageRecord, MessageRepo } from '@xpert-ai/chatkit-server'
import type { Db, Row } from './db.js'

type Pending = { id: string; content: string; status: string; error: string | null; updatedAt: string; metadata: string | null; done: ((e?: unknown) => void)[] }

// One statement writes a whole batch: the rows arrive as parallel arrays (unnest), so a tick of
// a thousand streaming answers is one round trip and one commit.
const UPDATE_BATCH = `
  UPDATE messages m SET content = v.content, status = v.status, error = v.error, updated_at = v.updated_at,
    metadata = COALESCE(v.metadata, m.metadata)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, content, status, error, updated_at, metadata)
  WHERE m.id = v.id`

/**
 * Messages. Updates are group-committed as in the SQLite store: every update made while no batch
 * is being written joins the next batch, written in one statement; each caller's promise settles
 * once its row is committed. Two saves of one message in a batch collapse into the later one (its
 * metadata kept from the earlier when the later has none), which is what writing them in order
 * would leave. A batch fails or lands as a whole: its rows are serialized strings, so no single
 * row can fail on its own. `flush()` writes what is queued and waits for batches in flight.
 */
export function messageRepo(db: Db): MessageRepo & { flush(): Promise<void> } {
  let queue = new Map<string, Pending>()
  let scheduled = false
  let writing: Promise<void> | null = null

  async function write(batch: Pending[]): Promise<void> {
    const cols: (string | null)[][] = [[], [], [], [], [], []]
    for (const u of batch) [u.id, u.content, u.status, u.error, u.updatedAt, u.metadata].forEach((v, i) => { cols[i].push(v) })
    let failure: unknown
    try {
      await db.query(UPDATE_BATCH, cols)
    } catch (e) {
      failure = e ?? new Error('message update failed')
    }
    for (const u of batch) for (const d of u.done) d(failure)
  }

  function flush(): Promise<void> {
    scheduled = false
    if (writing) return writing.then(() => (queue.size ? flush() : undefined))
    if (queue.size === 0) return Promise.resolve()
    const batch = [...queue.values()]
    queue = new Map()
    writing = write(batch).finally(() => {
      writing = null
      // What queued meanwhile is the next batch.
      if (queue.size && !scheduled) {
        scheduled = true
        setImmediate(() => void flush())
      }
    })
    return writing
  }

  return {
    flush,
    async create(m) {
      await db.query(`INSERT INTO messages (id, thread_id, run_id, role, content, status, error, metadata, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [m.id, m.threadId, m.runId, m.role, JSON.stringify(m.content), m.status, m.error, JSON.stringify(m.metadata), m.createdAt, m.updatedAt],
      )
    },
    update(id, p) {
      // Serialized now: what the caller passed is what is saved, whatever happens to it later.
      const content = JSON.stringify(p.content)
      const metadata = p.metadata ? JSON.stringify(p.metadata) : null
      return new Promise<void>((resolve, reject) => {
        const done = (e?: unknown) => (e === undefined ? resolve() : reject(e))
        const earlier = queue.get(id)
        queue.delete(id)
        queue.set(id, { id, content, status: p.status, error: p.error, updatedAt: p.updatedAt, metadata: metadata ?? earlier?.metadata ?? null, done: [...(earlier?.done ?? []), done] })
        if (scheduled || writing) return
        scheduled = true
        setImmediate(() => void flush())
      })
    },
    async get(id) {
      const { rows } = await db.query('SELECT * FROM messages WHERE id = $1', [id])
      return rows[0] ? toMessage(rows[0]) : null
    },
    async last(threadId, role) {
      const { rows } = await db.query('SELECT * FROM messages WHERE thread_id = $1 AND role = $2 ORDER BY seq DESC LIMIT 1', [threadId, role])
      return rows[0] ? toMessage(rows[0]) : null
    },
    async deleteAfter(threadId, messageId) {
      const r = await db.query('DELETE FROM messages WHERE thread_id = $1 AND seq > (SELECT seq FROM messages WHERE id = $2)',
        [threadId, messageId],
      )
      return r.rowCount
    },
    async list(threadId, limit, offset) {
      // One statement, one snapshot: `total` and the page agree even while a run is writing.
      const { rows } = await db.query(`SELECT c.total, p.* FROM (SELECT COUNT(*) AS total FROM messages WHERE thread_id = $1) c
         LEFT JOIN LATERAL (SELECT * FROM messages WHERE thread_id = $1 ORDER BY seq LIMIT $2 OFFSET $3) p ON true`,
        [threadId, limit, offset],
      )
      return { items: rows.filter((r) => r.id !== null).map(toMessage), total: Number(rows[0]?.total ?? 0) }
    },
  }
}

function toMessage(r: Row): MessageRecord {
  return {
    id: r.id, threadId: r.thread_id, runId: r.run_id, role: r.role, content: JSON.parse(r.content), status: r.status,
    error: r.error, metadata: JSON.parse(r.metadata), createdAt: r.created_at, updatedAt: r.updated_at,
  }
}
