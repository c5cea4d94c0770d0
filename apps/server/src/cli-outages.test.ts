import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { eventsNamed, envelopesOf, textOf } from '../../../packages/server/src/testing/envelopes.js'
import { streamReader } from '../../../packages/server/src/testing/sse.js'
import { openThread, startCli, type CliProcess } from './cli-process.js'

/** Retries `fn` until it returns true (the service is back), at most `ms`; returns how long it took. */
async function until(fn: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now()
  while (!(await fn().catch(() => false))) {
    if (Date.now() - started > ms) throw new Error(`not back after ${ms} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return Date.now() - started
}

describe('outages of PostgreSQL and Redis under a running replica (real services stopped and started)', () => {
  let pg: Postgres
  let redis: Redis
  let cli: CliProcess
  let dir: string
  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    dir = mkdtempSync(join(tmpdir(), 'chatkit-outage-'))
    cli = await startCli(dir, { extraArgs: ['--database-url', pg.url, '--redis-url', redis.url] })
  }, 60_000)
  afterAll(async () => {
    cli?.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    await Promise.all([pg?.stop(), redis?.stop()])
  })
  const run = (auth: Record<string, string>, threadId: string, text: string) =>
    fetch(`${cli.api}/threads/${threadId}/runs/stream`, { method: 'POST', headers: auth, body: JSON.stringify({ input: { input: { input: text } } }) })
  const messages = async (auth: Record<string, string>, threadId: string) =>
    (await (await fetch(`${cli.api}/conversations/${threadId}/messages`, { headers: auth })).json()).items as {
      role: string
      status: string
      content: unknown
    }[]

  it('PostgreSQL stopped while idle: 503 store_unavailable (never 500), the process lives, and it recovers by itself with nothing lost', async () => {
    const { auth, threadId } = await openThread(cli)
    await (await run(auth, threadId, 'before the outage')).text()
    const before = await messages(auth, threadId)
    expect(before.map((m) => [m.role, m.status])).toEqual([
      ['human', 'success'],
      ['ai', 'success'],
    ])

    await pg.pause()
    for (const [method, path] of [
      ['GET', `/conversations/${threadId}/messages`],
      ['GET', `/threads/${threadId}`],
      ['POST', `/threads/${threadId}/runs/stream`],
    ]) {
      const res = await fetch(`${cli.api}${path}`, {
        method,
        headers: auth,
        ...(method === 'POST' ? { body: JSON.stringify({ input: { input: { input: 'during' } } }) } : {}),
      })
      expect(res.status, `${method} ${path}`).toBe(503)
      expect(res.headers.get('retry-after')).toBe('2')
      expect((await res.json()).error).toMatchObject({
        code: 'store_unavailable',
        message: 'the database is unavailable right now; try again shortly',
        request_id: expect.any(String),
      })
    }
    expect(cli.child.exitCode).toBeNull()

    await pg.start()
    const took = await until(async () => (await fetch(`${cli.api}/conversations/${threadId}/messages`, { headers: auth })).ok, 15_000)
    expect(await messages(auth, threadId)).toEqual(before)
    const after = await (await run(auth, threadId, 'after the outage')).text()
    expect(eventsNamed(envelopesOf(after), 'on_conversation_end').at(-1)).toMatchObject({ status: 'idle' })
    console.log(`PostgreSQL back: the replica answered again after ${took} ms`)
  })

  it('Redis restarted mid-answer: the answer goes on and completes; a rejoin meanwhile is a 503, and after it the whole run replays with exactly the stored text', async () => {
    const { auth, threadId } = await openThread(cli)
    const res = await run(auth, threadId, 'a long answer please')
    const runId = res.headers.get('x-run-id')!
    const stream = streamReader(res)
    // Past the first periodic save of the answer.
    await stream.until((s) => s.length > 4000)
    let back = false
    let down!: () => void
    const isDown = new Promise<void>((r) => (down = r))
    const restarted = redis.restart(15_000, down).then(() => (back = true))
    await isDown
    const rejoin = await fetch(`${cli.api}/threads/${threadId}/runs/${runId}/stream`, { headers: { ...auth, 'last-event-id': '1-0' } })
    // Answered while Redis is still down (for 15 s: a loaded CI machine took 6.5 s to answer), not held until it returns.
    expect(back).toBe(false)
    expect(rejoin.status).toBe(503)
    expect((await rejoin.json()).error.code).toBe('event_log_unavailable')
    await restarted
    // The stream that was following the run resumes once Redis is back and ends with the run's success.
    const first = envelopesOf(await stream.all())
    expect(eventsNamed(first, 'on_conversation_end').at(-1)).toMatchObject({ status: 'idle' })
    expect(cli.child.exitCode).toBeNull()
    const stored = await messages(auth, threadId)
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['human', 'success'],
      ['ai', 'success'],
    ])
    const storedText = (stored[1].content as { type: string; text?: string }[]).map((p) => p.text ?? '').join('')
    expect(textOf(first)).toBe(storedText)
    // Redis lost the run's events with its restart; the replica wrote them back: a rejoin from the start replays it all.
    const replay = await fetch(`${cli.api}/threads/${threadId}/runs/${runId}/stream`, { headers: auth })
    expect(replay.status).toBe(200)
    expect(textOf(envelopesOf(await replay.text()))).toBe(storedText)
    const took = await until(async () => (await run(auth, threadId, 'after Redis came back')).status === 200, 15_000)
    console.log(`Redis back: the cut answer completed (${storedText.length} characters, all of them streamed), a new run started after ${took} ms`)
  }, 60_000)
})
