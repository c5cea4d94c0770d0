import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { eventsNamed, envelopesOf, textOf } from '../../../packages/server/src/testing/envelopes.js'
import { streamReader } from '../../../packages/server/src/testing/sse.js'
import { openThread, startCli, type CliProcess } from './cli-process.js'

// `gate`: answers, then waits for a steered message (or, for a queued one, answers at once).
const AGENT = `export default {
  id: 'gate', name: 'Gate',
  async *run(ctx) {
    yield { type: 'text', text: 'first:' + ctx.input.text }
    if (!ctx.input.text.startsWith('wait')) return
    const next = await ctx.followUps.next()
    yield { type: 'text', text: ' then:' + (next ? next.text : 'none') }
  },
}
`

describe('follow-ups across two replicas on PostgreSQL + Redis (real processes)', () => {
  let pg: Postgres
  let redis: Redis
  let a: CliProcess
  let b: CliProcess
  const dirs: string[] = []
  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    const agent = join(mkdtempSync(join(tmpdir(), 'chatkit-gate-')), 'gate.mjs')
    writeFileSync(agent, AGENT)
    dirs.push(join(agent, '..'))
    const replica = () => {
      const dir = mkdtempSync(join(tmpdir(), 'chatkit-replica-'))
      dirs.push(dir)
      return startCli(dir, { extraArgs: ['--database-url', pg.url, '--redis-url', redis.url, '--agent', agent] })
    }
    a = await replica()
    b = await replica()
  }, 60_000)
  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGKILL')
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    await Promise.all([pg?.stop(), redis?.stop()])
  })
  const send = (p: CliProcess, auth: Record<string, string>, threadId: string, text: string, extra: Record<string, unknown> = {}) =>
    fetch(`${p.api}/threads/${threadId}/runs/stream`, { method: 'POST', headers: auth, body: JSON.stringify({ input: { input: { input: text } }, ...extra }) })

  it('a message queued through B while A runs the thread is stored once and runs after A’s run', async () => {
    const { auth, threadId } = await openThread(a, 'gate')
    const first = await send(a, auth, threadId, 'wait for me')
    const stream = streamReader(first)
    await stream.until((s) => s.includes('first:wait'))
    const queued = await send(b, auth, threadId, 'queued through B', { followUpMode: 'queue' })
    expect(queued.status).toBe(202)
    const q = await queued.json()
    expect(q).toMatchObject({ thread_id: threadId, status: 'pending', follow_up: 'queued' })
    const joined = fetch(`${b.api}/threads/${threadId}/runs/${q.run_id}/stream`, { headers: auth })
    // A's agent is still waiting: a steer through B ends its wait.
    const steered = await (await send(b, auth, threadId, 'steered through B', { followUpMode: 'steer' })).json()
    expect(steered).toMatchObject({ run_id: first.headers.get('x-run-id'), follow_up: 'steered' })
    const firstEnvs = envelopesOf(await stream.all())
    expect(textOf(firstEnvs)).toBe('first:wait for me then:steered through B')
    expect(eventsNamed(firstEnvs, 'on_chat_event')).toContainEqual({ type: 'follow_up_consumed', messageIds: [steered.user_message_id] })
    const envs = envelopesOf(await (await joined).text())
    expect(eventsNamed(envs, 'on_conversation_start')[0].userMessage!.id).toBe(q.user_message_id)
    expect(textOf(envs)).toBe('first:queued through B')
    expect(eventsNamed(envs, 'on_conversation_end').at(-1)).toMatchObject({ status: 'idle' })
    const items = (await (await fetch(`${b.api}/conversations/${threadId}/messages`, { headers: auth })).json()).items as { role: string; content: unknown }[]
    // Each message stored once, in the order they arrived; A's answer before both, the queued one's answer last.
    expect(items.map((m) => (typeof m.content === 'string' ? m.content : m.role))).toEqual(['wait for me', 'ai', 'queued through B', 'steered through B', 'ai'])
    expect((await (await fetch(`${a.api}/threads/${threadId}/runs/${q.run_id}`, { headers: auth })).json()).status).toBe('success')
  })

  it('cancels through B a run queued through A before it starts', async () => {
    const { auth, threadId } = await openThread(a, 'gate')
    const first = streamReader(await send(a, auth, threadId, 'wait again'))
    await first.until((s) => s.includes('first:wait'))
    const q = await (await send(a, auth, threadId, 'never', { followUpMode: 'queue' })).json()
    expect((await fetch(`${b.api}/threads/${threadId}/runs/${q.run_id}/cancel`, { method: 'POST', headers: auth })).status).toBe(202)
    const envs = envelopesOf(await (await fetch(`${b.api}/threads/${threadId}/runs/${q.run_id}/stream`, { headers: auth })).text())
    expect(eventsNamed(envs, 'on_conversation_end')).toEqual([{ status: 'cancelled' }])
    // The waiting agent gets a steer and ends; nothing else runs on the thread.
    await send(b, auth, threadId, 'done', { followUpMode: 'steer' })
    expect(textOf(envelopesOf(await first.all()))).toBe('first:wait again then:done')
    const run = await (await fetch(`${b.api}/threads/${threadId}/runs/${q.run_id}`, { headers: auth })).json()
    expect(run.status).toBe('cancelled')
  })
})
