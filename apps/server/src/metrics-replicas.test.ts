import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { envelopesOf, textOf } from '../../../packages/server/src/testing/envelopes.js'
import { startCli, type CliProcess } from './cli-process.js'
import { promSum } from './prom-text.js'

const STREAMS = 50
const TOKENS = 20

describe('metrics of two replicas on PostgreSQL + Redis under load (real processes)', () => {
  let pg: Postgres
  let redis: Redis
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-metrics-replicas-'))
  const procs: CliProcess[] = []
  const agent = join(dir, 'counting-agent.mjs')
  // Each answer is TOKENS distinct words, a few ms apart, so the client can count what it got.
  writeFileSync(
    agent,
    `export default { id: 'count', name: 'Count', async *run(ctx) {
    for (let i = 0; i < ${TOKENS}; i++) { await ctx.sleep(5); yield { type: 'text', text: 'w' + i + ' ' } }
  } }\n`,
  )
  beforeAll(async () => void ([pg, redis] = await Promise.all([startPostgres(), startRedis()])), 60_000)
  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL')
    await Promise.all([pg?.stop(), redis?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  it(`${STREAMS} concurrent streams: the streams and tokens scraped from every replica sum to the client's own counts`, async () => {
    for (const name of ['a', 'b']) {
      procs.push(
        await startCli(join(dir, name), {
          extraArgs: [
            '--database-url',
            pg.url,
            '--redis-url',
            redis.url,
            '--agent',
            agent,
            '--metrics-port',
            '0',
            '--api-key',
            'metrics-test-key-0123456789',
            '--log-format',
            'json',
          ],
        }),
      )
    }
    const metricsUrls = procs.map((p) => /metrics\s+(http:\/\/\S+)/.exec(p.output())![1])
    const scrape = async () => Promise.all(metricsUrls.map(async (u) => (await fetch(u)).text()))
    const sum = (texts: string[], name: string, labels?: Record<string, string>) => texts.reduce((n, t) => n + promSum(t, name, labels), 0)

    const one = async (i: number) => {
      const p = procs[i % 2]
      const post = (path: string, auth: string, body: unknown) =>
        fetch(p.api + path, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const secret = (await (await post('/v1/chatkit/sessions', p.key, { assistant: { id: 'count' }, user: `u${i}` })).json()).client_secret
      const thread = (await (await post('/threads', secret, {})).json()).thread_id
      const res = await post(`/threads/${thread}/runs/stream`, secret, { input: { input: { input: 'count' } } })
      expect(res.status).toBe(200)
      const text = textOf(envelopesOf(await res.text()))
      return { streams: 1, tokens: text.match(/w\d+ /g)?.length ?? 0 }
    }
    const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => one(i)))
    const client = { streams: results.reduce((n, r) => n + r.streams, 0), tokens: results.reduce((n, r) => n + r.tokens, 0) }
    expect(client).toEqual({ streams: STREAMS, tokens: STREAMS * TOKENS })

    // Every run's end is recorded just after its stream closed.
    await expect.poll(async () => sum(await scrape(), 'chatkit_run_duration_seconds_count'), { timeout: 10_000 }).toBe(STREAMS)
    const texts = await scrape()
    expect(sum(texts, 'chatkit_sse_streams_total')).toBe(client.streams)
    expect(sum(texts, 'chatkit_tokens_total')).toBe(client.tokens)
    expect(sum(texts, 'chatkit_run_duration_seconds_count', { status: 'success' })).toBe(STREAMS)
    expect(sum(texts, 'chatkit_time_to_first_token_seconds_count')).toBe(STREAMS)
    expect(sum(texts, 'chatkit_runs_active')).toBe(0)
    expect(sum(texts, 'chatkit_sse_streams_active')).toBe(0)
    // Both replicas served their half, and each saw its store and event log at work.
    for (const t of texts) {
      expect(promSum(t, 'chatkit_sse_streams_total')).toBe(STREAMS / 2)
      expect(promSum(t, 'chatkit_store_operation_seconds_count', { operation: 'runs.create' })).toBe(STREAMS / 2)
      expect(promSum(t, 'chatkit_event_log_lag_seconds_count')).toBeGreaterThan(0)
    }
    const lagMean = texts.map((t) => promSum(t, 'chatkit_event_log_lag_seconds_sum') / promSum(t, 'chatkit_event_log_lag_seconds_count'))
    console.log(
      `${STREAMS} streams × ${TOKENS} tokens on 2 replicas: metrics sum = client counts (${client.streams} streams, ${client.tokens} tokens); mean event-log lag per replica ${lagMean.map((s) => (s * 1000).toFixed(2) + ' ms').join(', ')}`,
    )

    // JSON logs: one line per request with its id, and the run lines carry the run id.
    const lines = procs[0]
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    const runLines = lines.filter((l) => l.msg === 'run ended')
    expect(runLines).toHaveLength(STREAMS / 2)
    expect(runLines.every((l) => typeof l.run_id === 'string' && typeof l.request_id === 'string' && l.status === 'success')).toBe(true)
    expect(lines.filter((l) => l.msg === 'request' && l.path.endsWith('/runs/stream'))).toHaveLength(STREAMS / 2)
  }, 120_000)
})
