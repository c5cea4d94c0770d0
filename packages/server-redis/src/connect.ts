import { Redis } from 'ioredis'
import { RedisRunEventLog, type RedisRunEventLogOptions } from './redis-event-log.js'
import { RedisRunSignals } from './run-signals.js'

/** Redis cannot be used: unreachable, refused, or too old. One line, no stack. */
export class RedisConnectError extends Error {
  override name = 'RedisConnectError'
}

/** Streams with `PEXPIRE … NX` and exclusive XRANGE starts need Redis 7. */
export const MIN_REDIS_MAJOR = 7

export type RedisClientOptions = {
  /** How long the first connection may take (ms). Default 5,000. */
  connectTimeoutMs?: number
  /** How long a command may wait for its reply before it fails as an outage (ms). Default 5,000. */
  commandTimeoutMs?: number
}

export type RedisConnection = { log: RedisRunEventLog; signals: RedisRunSignals; redis: Redis; close(): Promise<void> }

/**
 * Connects to `url` (`redis://host:port/db`), checks the server's version and returns the run-event
 * log and the cancel signals on it, over three connections (commands, the shared blocking reader,
 * the pub/sub subscriber). Throws
 * `RedisConnectError` with a one-line reason. Later outages are retried by the client.
 */
export async function connectRedisEventLog(url: string, options: RedisRunEventLogOptions & RedisClientOptions = {}): Promise<RedisConnection> {
  const where = describeUrl(url)
  const open = (commandTimeout?: number) =>
    new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5000,
      maxRetriesPerRequest: 2,
      enableAutoPipelining: false,
      ...(commandTimeout ? { commandTimeout } : {}),
    })
  // A command written just before Redis went away waits for its reply until Redis is back (ioredis
  // resends it then): on the command connection, it fails after the timeout instead, so a request
  // gets its 503 and an append is kept for the restore. The blocking reader waits by design.
  const redis = open(options.commandTimeoutMs ?? 5000)
  const blocking = open()
  const subscriber = open()
  const all = [redis, blocking, subscriber]
  // Errors surface on the commands that hit them; an outage must not crash the process.
  for (const r of all) r.on('error', () => {})
  try {
    await connectOnce(redis)
    const info = await redis.info('server')
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '0'
    if (Number(version.split('.')[0]) < MIN_REDIS_MAJOR)
      throw new RedisConnectError(`Redis at ${where} is version ${version}; ChatKit needs ${MIN_REDIS_MAJOR}.0 or newer`)
    await connectOnce(blocking)
    await connectOnce(subscriber)
  } catch (e) {
    for (const r of all) r.disconnect()
    if (e instanceof RedisConnectError) throw e
    throw new RedisConnectError(`Redis at ${where}: ${reason(e)}`)
  }
  const log = new RedisRunEventLog(redis, blocking, options)
  const signals = await RedisRunSignals.start(redis, subscriber, options.prefix)
  return {
    log,
    signals,
    redis,
    async close() {
      await log.dispose()
      subscriber.disconnect()
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** The first connection fails fast instead of retrying forever in the background. */
async function connectOnce(r: Redis): Promise<void> {
  const retry = r.options.retryStrategy
  r.options.retryStrategy = () => null
  // The socket's own error (ECONNREFUSED…) is emitted; connect() only says "Connection is closed".
  let cause: unknown
  const keep = (e: unknown) => void (cause ??= e)
  r.on('error', keep)
  try {
    await r.connect()
  } catch (e) {
    throw cause ?? e
  } finally {
    r.off('error', keep)
    r.options.retryStrategy = retry
  }
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `"${u.protocol}" (expected a redis:// URL)`
    return `${u.hostname}:${u.port || 6379}`
  } catch {
    return 'an unparsable URL'
  }
}

function reason(e: unknown): string {
  const err = e as { code?: string; message?: string }
  if (err.code === 'ECONNREFUSED') return 'connection refused (is Redis running there?)'
  if (err.code === 'ENOTFOUND') return 'host not found'
  const msg = (err.message || String(e)).split('\n')[0]
  return /timeout/i.test(msg) ? 'no answer within the connect timeout' : msg
}
