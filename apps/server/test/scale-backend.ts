import postgres from 'postgres'
import { PostgresStore } from '@xpert-ai/chatkit-server-postgres'
import { connectRedisEventLog } from '@xpert-ai/chatkit-server-redis'
import { afterAll, beforeAll } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { useTestBackend, type TestBackend } from '../../../packages/server/src/testing/harness.js'

/**
 * Runs every test server of the current test file on real PostgreSQL + Redis: both are started
 * once per file; each test server gets a fresh database (copied from a migrated template, so no
 * test sees another's rows) and its own Redis key prefix.
 */
export function runOnPostgresAndRedis(): void {
  let pgServer: Postgres
  let redis: Redis
  beforeAll(async () => {
    ;[pgServer, redis] = await Promise.all([startPostgres(), startRedis()])
    const template = await pgServer.database('chatkit_template')
    await (await PostgresStore.connect({ url: template })).close()
    useTestBackend(scaleBackend(pgServer, redis.url))
  }, 60_000)
  afterAll(async () => {
    useTestBackend(null)
    await Promise.all([pgServer?.stop(), redis?.stop()])
  })
}

function scaleBackend(server: Postgres, redisUrl: string): TestBackend {
  let n = 0
  return {
    name: 'PostgreSQL + Redis',
    async open() {
      const name = `t${++n}`
      const admin = postgres(server.url, { max: 1, onnotice: () => {} })
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE chatkit_template`)
      await admin.end()
      const store = await PostgresStore.connect({ url: server.url.replace(/\/chatkit$/, `/${name}`), poolSize: 4 })
      const redis = await connectRedisEventLog(redisUrl, { prefix: `${name}:` })
      return {
        store,
        eventLog: redis.log,
        async close() {
          await redis.close()
          await store.close()
        },
      }
    },
  }
}
