import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type Redis } from '../../../scripts/services.mjs'
import { collect } from '../../server/src/testing/event-log-contract.js'
import { connectRedisEventLog, type RedisConnection } from './index.js'

// A real Redis without persistence, killed and started again: everything it held is gone.
let redis: Redis
beforeAll(async () => void (redis = await startRedis()), 60_000)
afterAll(async () => redis?.stop())

const env = (t: string) => ({ type: 'message' as const, data: { type: 'text' as const, text: t, id: 'm' } })

/** Kills Redis for `downMs`, resolving once `c` has seen its connection drop; `back` resolves when Redis runs again. */
async function outage(c: RedisConnection, downMs: number) {
  const back = redis.restart(downMs)
  while (c.redis.status === 'ready') await new Promise((r) => setTimeout(r, 5))
  return { back }
}

describe('RedisRunEventLog through a Redis restart', () => {
  it('appends made while Redis is down go on, and the lost stream comes back whole, with the same ids, to local and remote followers', async () => {
    const [a, b] = await Promise.all([connectRedisEventLog(redis.url), connectRedisEventLog(redis.url)])
    await a.log.append('r', env('one'))
    await a.log.append('r', env('two'))
    const local = collect()
    const remote = collect()
    await a.log.subscribe('r', undefined, local.listener)
    await b.log.subscribe('r', undefined, remote.listener)
    await remote.until(() => remote.events.length === 2)

    let up = false
    const back = (await outage(a, 1500)).back.then(() => (up = true))
    // The run goes on while Redis is down: its appends resolve with their ids at once.
    expect(await a.log.append('r', env('three'))).toBe('3-0')
    expect(await a.log.append('r', env('four'))).toBe('4-0')
    await a.log.close('r')
    expect(up).toBe(false)
    // Nothing reached a follower that Redis does not have.
    expect(local.texts()).toEqual(['one', 'two'])
    await back

    await Promise.all([local.until(() => local.ended, 10_000), remote.until(() => remote.ended, 10_000)])
    for (const w of [local, remote]) {
      expect(w.texts()).toEqual(['one', 'two', 'three', 'four'])
      expect(w.events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0', '4-0'])
    }
    // Restored in Redis itself (the data of before the restart was gone): a late rejoin anywhere replays it.
    expect((await a.redis.xrange('chatkit:run:r', '-', '+')).map(([id]) => id)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0'])
    const late = collect()
    await b.log.subscribe('r', '2-0', late.listener)
    await late.until(() => late.ended)
    expect(late.texts()).toEqual(['three', 'four'])
    expect(await a.redis.pttl('chatkit:run:r')).toBeGreaterThan(9 * 60_000)
    await Promise.all([a.close(), b.close()])
  }, 30_000)

  it('past maxBufferedBytes while Redis is down, the append fails with a clear error; later runs work once it is back', async () => {
    const c = await connectRedisEventLog(redis.url, { maxBufferedBytes: 200 })
    await c.log.append('small', env('x'))
    const { back } = await outage(c, 1000)
    await c.log.append('small', env('y'.repeat(50)))
    await expect(c.log.append('small', env('z'.repeat(200)))).rejects.toThrow(
      'run small: Redis has been unreachable while this replica buffered its events up to the limit of 200 bytes (maxBufferedBytes); the run cannot continue',
    )
    await back
    await c.log.close('small')
    const w = collect()
    await c.log.subscribe('small', undefined, w.listener)
    await w.until(() => w.ended, 10_000)
    expect(w.texts()).toEqual(['x', 'y'.repeat(50)])
    await c.close()
  }, 30_000)

  it('a Redis that stops answering (its process paused, the sockets open) fails a rejoin as a 503 after the command timeout, and the run goes on', async () => {
    const c = await connectRedisEventLog(redis.url, { commandTimeoutMs: 300 })
    await c.log.append('paused', env('one'))
    process.kill(redis.pid, 'SIGSTOP')
    try {
      // Without the timeout, ioredis waits for the reply as long as Redis is paused: this would hang.
      const rejoin = await c.log.subscribe('paused', undefined, collect().listener).catch((e) => e)
      expect(rejoin).toMatchObject({ code: 'event_log_unavailable', status: 503 })
      // The run's append resolves (kept for the restore), as in any outage.
      expect(await c.log.append('paused', env('two'))).toBe('2-0')
    } finally {
      process.kill(redis.pid, 'SIGCONT')
    }
    await c.log.close('paused')
    const w = collect()
    await c.log.subscribe('paused', undefined, w.listener)
    await w.until(() => w.ended, 10_000)
    expect(w.texts()).toEqual(['one', 'two'])
    await c.close()
  }, 30_000)
})
