import { ConfigError, type AppConfig } from './config.js'

/**
 * Both URLs, or neither. PostgreSQL alone would keep run events in one process (no rejoin through
 * another replica) and Redis alone would split a run's state between a local SQLite file and a
 * shared log: neither is a setup that works on more than one machine, so both are refused.
 */
export function scaleConfig(db: string | undefined, redis: string | undefined): AppConfig['scale'] {
  if (db === undefined && redis === undefined) return null
  if (db === undefined)
    throw new ConfigError(
      '--redis-url / CHATKIT_REDIS_URL needs --database-url / CHATKIT_DATABASE_URL too (Redis holds run events; the conversations need PostgreSQL)',
    )
  if (redis === undefined)
    throw new ConfigError('--database-url / CHATKIT_DATABASE_URL needs --redis-url / CHATKIT_REDIS_URL too (run events must be shared between replicas)')
  if (!/^postgres(ql)?:\/\/[^/]/.test(db))
    throw new ConfigError(`--database-url / CHATKIT_DATABASE_URL: expected postgres://user:password@host:port/database, got "${redact(db)}"`)
  if (!/^rediss?:\/\/[^/]/.test(redis)) throw new ConfigError(`--redis-url / CHATKIT_REDIS_URL: expected redis://host:port, got "${redact(redis)}"`)
  return { databaseUrl: db, redisUrl: redis }
}

/** A URL as it may be printed: without its password. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@').slice(0, 200)
}
