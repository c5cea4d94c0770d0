// Which PostgreSQL client for the store: `pg` or `postgres` (postgres.js), measured on the store's
// own hot statements against a throwaway PostgreSQL 15 (scripts/services.mjs). Prints wall time
// and this process's CPU per operation for each client, plus the conversation search with and
// without the trigram indexes. Run: pnpm --filter @xpert-ai/chatkit-server-postgres bench:client
// (after `pnpm build`).
import pg from 'pg'
import postgres from 'postgres'
import { PostgresStore } from '../dist/index.js'
import { startPostgres } from '../../../scripts/services.mjs'

const TICKS = Number(process.env.BENCH_TICKS ?? 200)
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000)
const READS = Number(process.env.BENCH_READS ?? 20000)

const UPDATE_BATCH = `UPDATE messages m SET content = v.content, status = v.status, error = v.error, updated_at = v.updated_at,
  metadata = COALESCE(v.metadata, m.metadata)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, content, status, error, updated_at, metadata)
  WHERE m.id = v.id`
const BY_HASH = 'SELECT * FROM sessions WHERE secret_hash = $1'

const server = await startPostgres()
try {
  const store = await PostgresStore.connect({ url: server.url })
  await seed(store)
  await store.close()
  const clients = {
    pg: () => {
      const pool = new pg.Pool({ connectionString: server.url, max: 10 })
      return {
        update: (cols) => pool.query({ name: 'upd', text: UPDATE_BATCH, values: cols }),
        read: (h) => pool.query({ name: 'hash', text: BY_HASH, values: [h] }),
        end: () => pool.end(),
      }
    },
    postgres: () => {
      const sql = postgres(server.url, { max: 10, onnotice: () => {} })
      return {
        update: (cols) => sql.unsafe(UPDATE_BATCH, cols, { prepare: true }),
        read: (h) => sql.unsafe(BY_HASH, [h], { prepare: true }),
        end: () => sql.end(),
      }
    },
  }
  const rows = []
  // Twice each, alternating, and the second round reported: the first warms the server's caches.
  for (const round of [1, 2]) {
    for (const [name, make] of Object.entries(clients)) {
      const c = make()
      const u = await measure(TICKS, async (i) => c.update(batch(i)))
      const r = await measure(READS, (i) => c.read(`h${i % 1000}`), 200)
      await c.end()
      if (round === 2) rows.push({ client: name, ...u.as('tick'), ...r.as('read') })
    }
  }
  console.log(`\nGroup-committed saves: ${TICKS} ticks × ${STREAMS} streaming answers (one UPDATE … FROM unnest each);`)
  console.log(`session reads: ${READS} point queries, 200 in flight (what every authenticated request does).`)
  console.table(rows)
  await searchIndexes(server.url)
} finally {
  await server.stop()
}

async function seed(store) {
  const at = new Date(0).toISOString()
  const pool = { query: (q) => store.db.sql.unsafe(q) }
  await pool.query(`INSERT INTO sessions SELECT 'h' || g, 'a', 'u', 9e12, '${at}' FROM generate_series(0, 999) g`)
  // 2,000 users × 5 threads × 6 messages of varied text: 60,000 messages to search.
  await pool.query(`INSERT INTO threads (id, assistant_id, user_id, title, metadata, status, created_at, updated_at)
    SELECT 't' || g, 'a', 'u' || (g % 2000), 'chat about topic ' || md5(g::text), '{}', 'idle', '${at}', '${at}' FROM generate_series(0, 9999) g`)
  await pool.query(`INSERT INTO messages (id, thread_id, role, content, status, metadata, created_at, updated_at)
    SELECT 'm' || g, 't' || (g / 6), 'ai', '[{"type":"text","text":"' || repeat(md5(g::text) || ' ', 20) || '"}]', 'success', '{}', '${at}', '${at}'
    FROM generate_series(0, 59999) g`)
  await pool.query('ANALYZE')
}

function batch(tick) {
  const cols = [[], [], [], [], [], []]
  for (let i = 0; i < STREAMS; i++) {
    const text = `token ${tick} `.repeat(20 + (tick % 50))
    ;[`m${i}`, JSON.stringify([{ type: 'text', text, id: 'x' }]), 'streaming', null, new Date().toISOString(), null].forEach((v, k) => {
      cols[k].push(v)
    })
  }
  return cols
}

/** Runs `op` n times with `inFlight` at once; returns wall ms and this process's CPU µs per op. */
async function measure(n, op, inFlight = 1) {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await op(next++)
    }),
  )
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const per = (cpu.user + cpu.system) / n
  return { as: (what) => ({ [`${what} wall ms/op`]: +(ms / n).toFixed(3), [`${what} client CPU µs/op`]: +per.toFixed(1) }) }
}

/** The store's conversation search (titles + message text) for one user, with and without the trigram indexes. */
async function searchIndexes(url) {
  const store = await PostgresStore.connect({ url, poolSize: 1 })
  const time = async () => {
    const t0 = performance.now()
    for (let i = 0; i < 20; i++) {
      await store.threads.search({ assistantId: 'a', userId: 'u7' }, { limit: 20, offset: 0, search: ['c81e7', '0cc17', 'zzzzz', 'topic'][i % 4] })
    }
    return +((performance.now() - t0) / 20).toFixed(2)
  }
  const withIdx = await time()
  await store.db.sql.unsafe('DROP INDEX messages_content_trgm')
  await store.db.sql.unsafe('DROP INDEX threads_title_trgm')
  const without = await time()
  await store.close()
  console.log(
    `\nConversation search over 10,000 threads / 60,000 messages (ms per search, mixed terms): ` + `with trigram indexes ${withIdx}, without ${without}`,
  )
}
