import {
  DEFAULTS,
  endAsInterrupted,
  recoverRun,
  SqliteRunEventLog,
  SqliteStore,
  type RequestLimiter,
  type RunEventLog,
  type RunSignals,
  type Store,
  type ThreadLocks,
} from '@xpert-ai/chatkit-server'
import type { AppConfig } from './config.js'

/** Where the app keeps conversations and run events, opened and recovered, ready to serve. */
export type Backends = {
  store: Store
  eventLog: RunEventLog
  /** Cancel requests across replicas (none with SQLite). */
  runSignals?: RunSignals
  /** Rate-limit buckets shared by the replicas (in-process with SQLite). */
  rateLimiter?: RequestLimiter
  /** One active run per thread across replicas. */
  threadLocks?: ThreadLocks
  /** Flushed and stopped by the graceful shutdown before the store closes. */
  logHandle: { dispose(): void | Promise<void> }
  notes: string[]
  /** Closes everything (a startup that failed later). */
  close(): Promise<void>
}

/**
 * SQLite + the SQLite run-event log (the default, one machine), or PostgreSQL + Redis Streams
 * (`--database-url` + `--redis-url`, any number of replicas). The PostgreSQL/Redis packages are
 * loaded only then, so the default start never loads their clients. Connection and version
 * problems throw one-line errors (`PostgresStoreError`, `RedisConnectError`).
 */
export async function openBackends(config: AppConfig): Promise<Backends> {
  if (config.scale) return openScale(config.scale)
  const store = new SqliteStore({ dataDir: config.dataDir })
  const eventLog = new SqliteRunEventLog(store.db)
  await eventLog.recoverOpen()
  const recovered = await store.recoverInterrupted(new Date().toISOString())
  const notes = recovered.runs ? [`marked ${recovered.runs} run(s) left by a stopped server as interrupted`] : []
  if (recovered.uploads) notes.push(`cancelled ${recovered.uploads} upload(s) a stopped server left unfinished`)
  const close = async () => {
    eventLog.dispose()
    await store.close()
  }
  return { store, eventLog, logHandle: eventLog, notes, close }
}

async function openScale({ databaseUrl, redisUrl }: NonNullable<AppConfig['scale']>): Promise<Backends> {
  const [{ PostgresStore }, { connectRedisEventLog, RedisRateLimiter, RedisThreadLocks, ReplicaPresence }] = await Promise.all([
    import('@xpert-ai/chatkit-server-postgres'),
    import('@xpert-ai/chatkit-server-redis'),
  ])
  const store = await PostgresStore.connect({ url: databaseUrl })
  let redis: Awaited<ReturnType<typeof connectRedisEventLog>>
  try {
    redis = await connectRedisEventLog(redisUrl)
  } catch (e) {
    await store.close()
    throw e
  }
  const presence = await ReplicaPresence.start(redis.redis)
  redis.log.trackRunsIn(presence.runsKey)
  const threadLocks = new RedisThreadLocks(redis.redis, presence.id)
  // A replica that dies mid-run: one survivor ends its runs' logs and marks them interrupted.
  presence.watch(
    async (dead) => {
      const at = new Date().toISOString()
      for (const runId of dead.runIds) {
        // A follow-up it queued on a thread a live replica holds: that replica runs it.
        const threadId = (await store.runs.get(runId))?.threadId
        const owner = threadId ? await threadLocks.ownerOf(threadId) : null
        if (owner && owner !== dead.id) continue
        // Store and lock first: a client that sees the stream end reloads a settled thread.
        const run = await recoverRun(store, runId, at)
        if (run) await threadLocks.releaseFor(dead.id, run.threadId)
        await endAsInterrupted(redis.log, runId).catch(() => {}) // already closed: nothing to end
        // Follow-ups still waiting on the thread start on whichever replica takes it.
        if (run) await redis.signals.followUp(run.threadId)
      }
    },
    (e) => console.error('[chatkit] taking over the runs of a dead replica failed:', e),
  )
  const notes = [`PostgreSQL store and Redis run-event log (replica ${presence.id.slice(0, 8)})`]
  const others = await presence.others()
  if (others.length === 0) {
    // Nobody else is alive: whatever is still running was left by replicas that died.
    await redis.log.recoverOpen()
    const recovered = await store.recoverInterrupted(new Date().toISOString())
    if (recovered.runs) notes.push(`marked ${recovered.runs} run(s) left by stopped replicas as interrupted`)
    if (recovered.uploads) notes.push(`cancelled ${recovered.uploads} upload(s) stopped replicas left unfinished`)
  } else {
    notes.push(`${others.length} other replica(s) alive: their runs are left to them`)
  }
  const logHandle = {
    async dispose() {
      await threadLocks.dispose()
      await presence.stop()
      await redis.close()
    },
  }
  const close = async () => {
    await logHandle.dispose()
    await store.close()
  }
  const rateLimiter = new RedisRateLimiter(redis.redis, DEFAULTS.rateLimit, {
    onError: (e) => console.error('[chatkit] rate limiter: Redis unavailable, request let through:', (e as Error).message),
  })
  return { store, eventLog: redis.log, runSignals: redis.signals, rateLimiter, threadLocks, logHandle, notes, close }
}
