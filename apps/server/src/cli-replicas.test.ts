import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { parseSse } from '../../../packages/server/src/testing/sse.js'
import { openThread, startCli, type CliProcess } from './cli-process.js'

describe('two replicas on PostgreSQL + Redis (real processes)', () => {
  let pg: Postgres
  let redis: Redis
  const dirs: string[] = []
  const procs: CliProcess[] = []
  beforeAll(async () => void ([pg, redis] = await Promise.all([startPostgres(), startRedis()])), 60_000)
  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL')
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    await Promise.all([pg?.stop(), redis?.stop()])
  })
  const replica = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-replica-'))
    dirs.push(dir)
    const p = await startCli(dir, { extraArgs: ['--database-url', pg.url, '--redis-url', redis.url] })
    procs.push(p)
    return p
  }

  it('a replica killed mid-answer: the other serves the rejoin, ends the run as interrupted within 5 s, keeps the saved text', async () => {
    const a = await replica()
    const b = await replica()
    expect(b.output()).toMatch(/1 other replica\(s\) alive/)
    const { auth, threadId } = await openThread(a)
    const res = await fetch(`${a.api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: { input: { input: 'a long answer please' } } }),
    })
    const runId = res.headers.get('x-run-id')!
    // Read until the answer has streamed for over a second (past the first periodic save).
    const reader = res.body!.getReader()
    let raw = ''
    const started = Date.now()
    while (Date.now() - started < 1500) raw += new TextDecoder().decode((await reader.read()).value)
    const seen = parseSse(raw.slice(0, raw.lastIndexOf('\n\n') + 2)).filter((e) => e.id)
    const lastId = seen.at(-1)!.id!

    a.child.kill('SIGKILL')
    const killedAt = Date.now()
    const rejoin = await fetch(`${b.api}/threads/${threadId}/runs/${runId}/stream`, { headers: { ...auth, 'last-event-id': lastId } })
    expect(rejoin.status).toBe(200)
    const rest = parseSse(await rejoin.text()).filter((e) => e.id)
    const took = Date.now() - killedAt
    expect(took).toBeLessThan(5000)
    // The stream ends with the run's end event, as on one process (the log's end marker is not sent).
    expect(rest.at(-1)!.data).toBe('{"type":"event","event":"on_conversation_end","data":{"status":"interrupted","error":"server stopped during the run"}}')
    // Ids continue where A stopped: B took the run's log over.
    expect(Number(rest[0].id!.split('-')[0])).toBe(Number(lastId.split('-')[0]) + 1)

    const run = await (await fetch(`${b.api}/threads/${threadId}/runs/${runId}`, { headers: auth })).json()
    expect(run.status).toBe('interrupted')
    const messages = await (await fetch(`${b.api}/conversations/${threadId}/messages`, { headers: auth })).json()
    const answer = messages.items.find((m: { role: string }) => m.role === 'ai')
    expect(answer.status).toBe('interrupted')
    expect(JSON.stringify(answer.content).length).toBeGreaterThan(20)
    // The thread takes a new run through B.
    const again = await fetch(`${b.api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: { input: { input: 'hi' } } }),
    })
    expect(await again.text()).toContain(`"on_conversation_end","data":{"id":"${threadId}","status":"idle"}}`)
    console.log(`replica killed → rejoin through the other ended as interrupted after ${took} ms`)
  })

  it('Stop sent to another replica stops the agent within 1 s', async () => {
    const a = await replica()
    const b = await replica()
    const { auth, threadId } = await openThread(a)
    const res = await fetch(`${a.api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: { input: { input: 'a long answer please' } } }),
    })
    const runId = res.headers.get('x-run-id')!
    const reader = res.body!.getReader()
    let raw = new TextDecoder().decode((await reader.read()).value)
    // One active run per thread across replicas: B refuses a second run while A's is going.
    const second = await fetch(`${b.api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: { input: { input: 'me too' } } }),
    })
    expect(second.status).toBe(409)
    expect((await second.json()).error).toMatchObject({ code: 'run_in_progress', message: expect.stringMatching(/another replica/) })
    // Timed from the Stop (the 409 above is no part of it).
    const stoppedAt = Date.now()
    const cancel = await fetch(`${b.api}/threads/${threadId}/runs/${runId}/cancel`, { method: 'POST', headers: auth })
    expect(cancel.status).toBe(202)
    expect((await cancel.json()).status).toBe('cancelling')
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      raw += new TextDecoder().decode(value)
    }
    const took = Date.now() - stoppedAt
    expect(took).toBeLessThan(1000)
    const events = parseSse(raw).filter((e) => e.id)
    expect(events.at(-1)!.data).toBe(`{"type":"event","event":"on_conversation_end","data":{"id":"${threadId}","status":"cancelled"}}`)
    const run = await (await fetch(`${b.api}/threads/${threadId}/runs/${runId}`, { headers: auth })).json()
    expect(run.status).toBe('cancelled')
    console.log(`Stop through the other replica ended the run after ${took} ms`)
    // A gave the thread back when its run ended: B runs the next one.
    const next = await fetch(`${b.api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: { input: { input: 'now me' } } }),
    })
    expect(next.status).toBe(200)
    expect(await next.text()).toContain(`"on_conversation_end","data":{"id":"${threadId}","status":"idle"}}`)
  })
})
