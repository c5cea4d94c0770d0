import type { Pool, PoolClient, QueryResultRow } from 'pg'

export type Row = Record<string, any>

/** What every repository gets: the pool, and a named (server-side prepared) query helper. */
export type Db = {
  pool: Pool
  /** Runs `text` as the prepared statement `name` (parsed once per connection); returns the rows. */
  query<R extends QueryResultRow = Row>(name: string, text: string, values: unknown[]): Promise<{ rows: R[]; rowCount: number }>
  /** Runs `fn` in one transaction on one connection (ROLLBACK when it throws). */
  transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>
}

export function createDb(pool: Pool): Db {
  return {
    pool,
    async query(name, text, values) {
      const r = await pool.query({ name, text, values })
      return { rows: r.rows, rowCount: r.rowCount ?? 0 }
    },
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const out = await fn(client)
        await client.query('COMMIT')
        return out
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        throw e
      } finally {
        client.release()
      }
    },
  }
}
