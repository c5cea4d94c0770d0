import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type Redis } from '../../../scripts/services.mjs'
import { collect, describeEventLogContract } from '../../server/src/testing/event-log-contract.js'
import { connectRedisEventLog, RedisConnectError } from './index.js'

let redis: Redis
beforeAll(async () => void (redis = await startRedis()), 60_000)
afterAll(async () => redis?.stop())

describeEventLogContract('Redis', {
  async open(o) {
    const c = await connectRedisEventLog(redis.url, o)
    return { log: c.log, close: c.close }
  },
})

describe('RedisRunEventLog across replicas', () => {
  it('an id from one replica resumes on another, which follows live through its one shared reader', async () => {
    const [a, b] = await Promise.all([connectRedisEventLog(redis.url), connectRedisEventLog(redis.url)])
    const env = (t: string) => ({ type: 'message' as const, data: { type: 'text' as const, text: t, id: 'm' } })
    const first = await a.log.append('shared', env('one'))
    await a.log.append('shared', env('two'))
    const watchers = Array.from({ length: 1000 }, collect)
    await Promise.all(watchers.map((w) => b.log.subscribe('shared', first, w.listener)))
    // Another run followed on b at the same time: both are read by b's single blocking reader.
    const other = collect()
    await a.log.append('other', env('x'))
    await b.log.subscribe('other', undefined, other.listener)
    await a.log.append('shared', env('three'))
    await a.log.close('shared')
    await Promise.all(watchers.map((w) => w.until(() => w.ended)))
    for (const w of watchers) expect(w.texts()).toEqual(['two', 'three'])
    await a.log.append('other', env('y'))
    await other.until(() => other.events.length === 2)
    const clients = String(await b.redis.client('LIST'))
      .split('\n')
      .filter((l: string) => / cmd=xread /.test(l))
    expect(clients).toHaveLength(1)
    await Promise.all([a.close(), b.close()])
  })

  it('a replica that takes over a run continues its ids', async () => {
    const [a, b] = await Promise.all([connectRedisEventLog(redis.url), connectRedisEventLog(redis.url)])
    const env = { type: 'complete' as const }
    expect(await a.log.append('handover', env)).toBe('1-0')
    expect(await b.log.append('handover', env)).toBe('2-0')
    await b.log.close('handover')
    // a's view was stale: its append is refused (nothing overwritten), and the next one sees the close.
    await expect(a.log.append('handover', env)).rejects.toThrow(/another replica appended/)
    await expect(a.log.append('handover', env)).rejects.toThrow(/closed/)
    await Promise.all([a.close(), b.close()])
  })

  it("one tick's appends reach Redis as one script call; a stream expires openTtlMs after its first event, retainMs after its close", async () => {
    const c = await connectRedisEventLog(redis.url, { openTtlMs: 3_600_000, retainMs: 60_000 })
    const env = (t: string) => ({ type: 'message' as const, data: { type: 'text' as const, text: t, id: 'm' } })
    const scripts = async () => {
      const stats = String(await c.redis.info('commandstats'))
      return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0)
    }
    const runs = Array.from({ length: 50 }, (_, i) => `tick-${i}`)
    // First appends (each new run first reads its stream's tail, so they land over a few ticks).
    expect(await Promise.all(runs.map((r) => c.log.append(r, env(r))))).toEqual(runs.map(() => '1-0'))
    const open = await c.redis.pttl('chatkit:run:tick-0')
    expect(open).toBeGreaterThan(3_500_000)
    const before = await scripts()
    expect(await Promise.all(runs.map((r) => c.log.append(r, env('more'))))).toEqual(runs.map(() => '2-0'))
    expect((await scripts()) - before).toBe(1)
    for (const r of runs) {
      expect(await c.redis.xrange(`chatkit:run:${r}`, '-', '+')).toEqual([
        ['1-0', ['d', JSON.stringify(env(r))]],
        ['2-0', ['d', JSON.stringify(env('more'))]],
      ])
    }
    expect(await c.redis.pttl('chatkit:run:tick-0')).toBeLessThanOrEqual(open)
    await c.log.close('tick-0')
    const closed = await c.redis.pttl('chatkit:run:tick-0')
    expect(closed).toBeGreaterThan(50_000)
    expect(closed).toBeLessThanOrEqual(60_000)
    await c.close()
  })

  it('forget deletes the runs of a deleted conversation: their streams are gone, a rejoin finds nothing', async () => {
    const c = await connectRedisEventLog(redis.url)
    const env = { type: 'message' as const, data: { type: 'text' as const, text: 'secret words', id: 'm' } }
    await c.log.append('forgotten', env)
    await c.log.close('forgotten')
    await c.log.append('kept', env)
    expect(await c.redis.exists('chatkit:run:forgotten')).toBe(1)
    await c.log.forget(['forgotten'])
    expect(await c.redis.exists('chatkit:run:forgotten')).toBe(0)
    expect(await c.redis.exists('chatkit:run:kept')).toBe(1)
    const other = await connectRedisEventLog(redis.url)
    expect(await other.log.subscribe('forgotten', undefined, collect().listener)).toBeNull()
    await Promise.all([c.close(), other.close()])
  })

  it('says in one line when Redis cannot be reached', async () => {
    const err = await connectRedisEventLog('redis://127.0.0.1:1', { connectTimeoutMs: 2000 }).catch((e) => e)
    expect(err).toBeInstanceOf(RedisConnectError)
    expect(err.message).toBe('Redis at 127.0.0.1:1: connection refused (is Redis running there?)')
  })
})
