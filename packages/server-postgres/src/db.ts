import type { Sql, TransactionSql } from 'postgres'

// biome-ignore lint/suspicious/noExplicitAny: driver rows; each repository maps its columns to typed records in one place
export type Row = Record<string, any>

/** What every repository gets: the postgres.js pool and two helpers over it. */
export type Db = {
  sql: Sql
  /** Runs `text` with `$n` parameters as a prepared statement (parsed once per connection). */
  query<R extends Row = Row>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number }>
  /** Runs `fn` in one transaction on one connection (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T>
}

export function createDb(sql: Sql): Db {
  return {
    sql,
    async query<R extends Row>(text: string, values: unknown[] = []) {
      const r = await sql.unsafe(text, values as never[], { prepare: true })
      return { rows: r as unknown as R[], rowCount: r.count ?? 0 }
    },
    transaction: <T>(fn: (tx: TransactionSql) => Promise<T>) => sql.begin(fn) as Promise<T>,
  }
}
