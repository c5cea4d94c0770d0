import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@langchain/langgraph-sdk'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openThread, startCli, type CliProcess } from '../../../../apps/server/src/cli-process.js'
import { startHaproxy, startPostgres, startRedis, type Postgres, type Redis } from '../../../../scripts/services.mjs'
import { planDemoAnswer } from '../agent/demo/demo-answer.js'
import { textOf } from '../testing/envelopes.js'

/** The official LangGraph JS SDK, unmodified, through HAProxy (round-robin) to three replicas of the CLI on PostgreSQL + Redis. */
type Part = { id?: string; event: string; data: unknown }
const input = (text: string) => ({ input: { input: text } })
const envs = (parts: Part[]) => parts.filter((p) => p.data && typeof p.data === 'object').map((p) => p.data as StreamEnvelope)

describe('@langchain/langgraph-sdk through a load balancer to three replicas', () => {
  let pg: Postgres
  let redis: Redis
  let lb: { url: string; stop(): Promise<void> }
  const replicas: CliProcess[] = []
  const dirs: string[] = []
  let client: (user: string) => Promise<Client>
  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    for (let i = 0; i < 3; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'chatkit-lg-replica-'))
      dirs.push(dir)
      replicas.push(await startCli(dir, { extraArgs: ['--database-url', pg.url, '--redis-url', redis.url, '--api-key', 'lg-replicas-key-0123456789'] }))
    }
    lb = await startHaproxy(replicas.map((r) => new URL(r.api).host))
    // Up once HAProxy's health checks see every replica.
    for (let i = 0; i < 3; i++) {
      for (
        let t = 0;
        !(await fetch(`${lb.url}/healthz`, { headers: { 'x-chatkit-replica': `r${i}` } }).then(
          (r) => r.ok,
          () => false,
        ));
        t++
      ) {
        if (t > 200) throw new Error(`replica r${i} is not up behind HAProxy`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    const api = `${lb.url}/api/ai`
    client = async (user) => new Client({ apiUrl: api, apiKey: await openSecret(api, user) })
  }, 90_000)
  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL')
    await lb?.stop()
    await Promise.all([pg?.stop(), redis?.stop()])
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
  const openSecret = async (api: string, user: string) => {
    const { auth } = await openThread({ api, key: 'lg-replicas-key-0123456789' }, 'demo', user)
    return auth.authorization.slice('Bearer '.length)
  }

  it('creates a thread, streams a run, and rejoins a dropped stream with lastEventId: nothing lost or repeated', async () => {
    const c = await client('lg-lb-1')
    const thread = await c.threads.create()
    const abort = new AbortController()
    let runId = ''
    const first: Part[] = []
    try {
      for await (const p of c.runs.stream(thread.thread_id, 'demo', {
        input: input('drop me'),
        signal: abort.signal,
        onRunCreated: (m) => void (runId = m.run_id),
      })) {
        first.push(p as Part)
        if (first.length === 40) abort.abort()
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e
    }
    expect(first.length).toBe(40)
    // The join goes to the next replica in the rotation: not, in general, the one running the agent.
    const rest: Part[] = []
    for await (const p of c.runs.joinStream(thread.thread_id, runId, { lastEventId: first.at(-1)!.id })) rest.push(p as Part)
    const ids = [...first, ...rest].map((p) => Number(p.id!.split('-')[0]))
    expect(ids).toEqual(ids.map((_, i) => i + 1))
    expect(textOf(envs([...first, ...rest]))).toBe(planDemoAnswer('drop me').answer)
    expect(rest.at(-1)).toMatchObject({ data: { type: 'event', event: 'on_conversation_end', data: { id: thread.thread_id, status: 'idle' } } })
    expect((await c.runs.get(thread.thread_id, runId)).status).toBe('success')
  })

  it('runs.cancel through whichever replica answers stops the run; the stream ends as cancelled', async () => {
    const c = await client('lg-lb-2')
    const thread = await c.threads.create()
    let runId = ''
    const parts: Part[] = []
    for await (const p of c.runs.stream(thread.thread_id, 'demo', { input: input('cancel me long'), onRunCreated: (m) => void (runId = m.run_id) })) {
      parts.push(p as Part)
      if (parts.length === 10) await c.runs.cancel(thread.thread_id, runId)
    }
    expect(envs(parts).find((e) => e.type === 'event' && e.event === 'on_conversation_end')).toMatchObject({ data: { status: 'cancelled' } })
    expect((await c.runs.get(thread.thread_id, runId)).status).toBe('cancelled')
  })
})
