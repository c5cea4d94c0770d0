import { messageFromRow, type MessageRepo, type MessageRow } from '@xpert-ai/chatkit-server'
import type { Db } from './db.js'

type Pending = {
  id: string
  content: string
  status: string
  error: string | null
  updatedAt: string
  metadata: string | null
  done: ((e?: unknown) => void)[]
}

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
    for (const u of batch)
      [u.id, u.content, u.status, u.error, u.updatedAt, u.metadata].forEach((v, i) => {
        cols[i].push(v)
      })
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
      // One statement: the parent (the head, unless given) is read under the thread row's lock,
      // and the new message becomes the head.
      await db.query(
        `WITH t AS (SELECT head_id FROM threads WHERE id = $2 FOR UPDATE),
          ins AS (INSERT INTO messages (id, thread_id, run_id, role, content, status, error, metadata, created_at, updated_at, parent_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11::boolean THEN $12::text ELSE (SELECT head_id FROM t) END) RETURNING id)
        UPDATE threads SET head_id = (SELECT id FROM ins) WHERE id = $2`,
        [
          m.id,
          m.threadId,
          m.runId,
          m.role,
          JSON.stringify(m.content),
          m.status,
          m.error,
          JSON.stringify(m.metadata),
          m.createdAt,
          m.updatedAt,
          m.parentId !== undefined,
          m.parentId ?? null,
        ],
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
        queue.set(id, {
          id,
          content,
          status: p.status,
          error: p.error,
          updatedAt: p.updatedAt,
          metadata: metadata ?? earlier?.metadata ?? null,
          done: [...(earlier?.done ?? []), done],
        })
        if (scheduled || writing) return
        scheduled = true
        setImmediate(() => void flush())
      })
    },
    async get(id) {
      const { rows } = await db.query<MessageRow>('SELECT * FROM messages WHERE id = $1', [id])
      return rows[0] ? messageFromRow(rows[0]) : null
    },
    async last(threadId, role) {
      const { rows } = await db.query<MessageRow>(
        `${FROM_HEAD} SELECT m.* FROM path p JOIN messages m ON m.id = p.id
          WHERE m.thread_id = $1 AND m.role = $2 ORDER BY p.depth LIMIT 1`,
        [threadId, role],
      )
      return rows[0] ? messageFromRow(rows[0]) : null
    },
    async list(threadId, limit, offset) {
      // One statement, one snapshot: `total` and the page agree even while a run is writing.
      const { rows } = await db.query<MessageRow & { total: string }>(
        `${FROM_HEAD}, ordered AS (SELECT m.*, p.depth FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = $1)
         SELECT c.total, o.* FROM (SELECT COUNT(*) AS total FROM ordered) c
         LEFT JOIN LATERAL (SELECT * FROM ordered ORDER BY depth DESC LIMIT $2 OFFSET $3) o ON true`,
        [threadId, limit, offset],
      )
      return { items: rows.filter((r) => r.id !== null).map(messageFromRow), total: Number(rows[0]?.total ?? 0) }
    },
    async path(threadId, leafId) {
      const { rows } = await db.query<MessageRow>(
        `${walk('COALESCE($2::text, (SELECT head_id FROM threads WHERE id = $1))')}
         SELECT m.* FROM path p JOIN messages m ON m.id = p.id WHERE m.thread_id = $1 ORDER BY p.depth DESC`,
        [threadId, leafId ?? null],
      )
      return rows.map(messageFromRow)
    },
    async tree(threadId) {
      const { rows } = await db.query('SELECT id, parent_id, role FROM messages WHERE thread_id = $1 ORDER BY seq', [threadId])
      return rows.map((r) => ({ id: r.id, parentId: r.parent_id, role: r.role }))
    },
    async head(threadId) {
      const { rows } = await db.query('SELECT head_id FROM threads WHERE id = $1', [threadId])
      return rows[0]?.head_id ?? null
    },
    async setHead(threadId, messageId) {
      await db.query('UPDATE threads SET head_id = $2 WHERE id = $1', [threadId, messageId])
    },
  }
}

// The path: from a leaf up through parent ids (each parent was stored before its child, so the
// walk ends), then read root first. `depth` 0 is the leaf.
const walk = (leaf: string) => `WITH RECURSIVE path(id, depth) AS (
    SELECT ${leaf}, 0
    UNION ALL SELECT m.parent_id, p.depth + 1 FROM path p JOIN messages m ON m.id = p.id WHERE m.parent_id IS NOT NULL AND p.depth < 100000
  )`
const FROM_HEAD = walk('(SELECT head_id FROM threads WHERE id = $1)')
