import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, type Postgres } from '../../../scripts/services.mjs'
import { describeStoreContract } from '../../server/src/testing/store-contract.js'
import { MIGRATIONS, PostgresStore, PostgresStoreError, SCHEMA_VERSION, migrate } from './index.js'

let pg: Postgres
beforeAll(async () => void (pg = await startPostgres()), 60_000)
afterAll(async () => pg?.stop())

describeStoreContract('PostgreSQL', {
  open: () => PostgresStore.connect({ url: pg.url }),
  reopen: async (store) => {
    await store.close()
    return PostgresStore.connect({ url: pg.url })
  },
})

describe('PostgresStore startup', () => {
  it('migrates once, also when replicas start together, and records the version', async () => {
    const url = await pg.database('startup')
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.connect({ url })))
    const { rows } = await stores[0].db.query('SELECT version FROM schema_migrations')
    expect(rows.map((r) => r.version).sort()).toEqual(MIGRATIONS.map((m) => m.version))
    await Promise.all(stores.map((s) => s.close()))
  })

  it('refuses a schema newer than the code, in one line, without touching it', async () => {
    const url = await pg.database('newer')
    const store = await PostgresStore.connect({ url })
    const newer = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'from the future', sql: 'CREATE TABLE future (x int)' }]
    await migrate(store.db.sql, 'now', newer)
    await store.close()
    const err = await PostgresStore.connect({ url }).catch((e) => e)
    expect(err).toBeInstanceOf(PostgresStoreError)
    expect(err.message).toBe(
      `127.0.0.1:${pg.port}/newer: PostgreSQL schema version ${SCHEMA_VERSION + 1} is newer than this server supports (${SCHEMA_VERSION}); upgrade the server`,
    )
  })

  it('says in one line when the database cannot be reached or does not exist', async () => {
    const refused = await PostgresStore.connect({ url: 'postgres://postgres@127.0.0.1:1/chatkit', connectTimeoutMs: 2000 }).catch((e) => e)
    expect(refused).toBeInstanceOf(PostgresStoreError)
    expect(refused.message).toBe('PostgreSQL at 127.0.0.1:1/chatkit: connection refused (is PostgreSQL running there?)')
    const missing = await PostgresStore.connect({ url: `postgres://postgres@127.0.0.1:${pg.port}/nope` }).catch((e) => e)
    expect(missing.message).toBe(`PostgreSQL at 127.0.0.1:${pg.port}/nope: database "nope" does not exist (3D000)`)
  })
})
