import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse, streamReader } from '../testing/sse.js'

/** Yields one text piece, then waits for the test to let it go on; ignores its abort signal on purpose. */
let release: () => void = () => {}
const gated = defineAgent({
  id: 'gated',
  name: 'Gated',
  async *run() {
    yield { type: 'text', text: 'saved while streaming' }
    await new Promise<void>((r) => (release = r))
    yield { type: 'text', text: ' and done' }
  },
})
const rude = defineAgent({
  id: 'rude',
  name: 'Rude',
  async *run() {
    yield { type: 'tool_start', id: 't1', name: 'search' }
    yield { type: 'error', message: 'quota exceeded' } as AgentEvent
  },
})
const broken = defineAgent({
  id: 'broken',
  name: 'Broken',
  async *run() {
    yield { type: 'nonsense' } as unknown as AgentEvent
  },
})

/** Reports what it was given, to check the context an agent sees. */
const introspect = defineAgent({
  id: 'introspect',
  name: 'Introspect',
  async *run(ctx) {
    yield {
      type: 'text',
      text: JSON.stringify({ history: ctx.history.map((m) => [m.role, m.status]), input: ctx.input, context: ctx.context, state: ctx.state.human }),
    }
  },
})

/** 2,000 one-character deltas without a pause (a burst, a fast local model), then a tool step and more text. */
const burst = defineAgent({
  id: 'burst',
  name: 'Burst',
  async *run() {
    for (let i = 0; i < 2000; i++) yield { type: 'text', text: String(i % 10) }
    yield { type: 'tool_start', id: 't1', name: 'search' }
    yield { type: 'tool_end', id: 't1', output: 'ok' }
    for (let i = 0; i < 3; i++) yield { type: 'text', text: 'after' }
  },
})

let s: TestServer
const logged: [string, unknown][] = []
beforeAll(
  async () =>
    void (s = await startTestServer({
      extraAgents: [gated, rude, broken, introspect],
      persistIntervalMs: 20,
      keepAliveMs: 30,
      onError: (m, e) => void logged.push([m, e]),
    })),
)
afterAll(() => s.close())

async function startRun(assistant: string) {
  const secret = await s.session('u', assistant)
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody('go'), assistant_id: assistant })
  return { secret, threadId, res }
}

const aiRow = (threadId: string) =>
  s.store.db.prepare("SELECT content, status, error FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as {
    content: string
    status: string
    error: string | null
  }

describe('run engine', () => {
  it('saves the growing answer periodically while the run streams', async () => {
    const { threadId, res } = await startRun('gated')
    // The agent waits at its gate; the periodic save (every 20 ms) must store what it said so far.
    await expect.poll(() => JSON.parse(aiRow(threadId)?.content ?? '[]')).toEqual([{ type: 'text', text: 'saved while streaming', id: expect.any(String) }])
    expect(aiRow(threadId).status).toBe('streaming')
    release()
    await res.text()
    expect(aiRow(threadId).status).toBe('success')
    expect(JSON.parse(aiRow(threadId).content)[0].text).toBe('saved while streaming and done')
  })

  it('sends keep-alive comments while the agent is silent', async () => {
    const { res } = await startRun('gated')
    const stream = streamReader(res)
    await stream.until((t) => parseSse(t).filter((e) => e.comment).length >= 2)
    release()
    const events = parseSse(await stream.all())
    expect(events.filter((e) => e.comment).length).toBeGreaterThanOrEqual(2)
    expect(events.filter((e) => !e.comment).every((e) => e.id)).toBe(true)
  })

  it('cancels an agent that ignores its signal', async () => {
    const { secret, threadId, res } = await startRun('gated')
    const runId = res.headers.get('x-run-id')!
    const stream = streamReader(res)
    await stream.until((t) => t.includes('saved while streaming'))
    await s.call(secret, 'POST', `/threads/${threadId}/runs/${runId}/cancel`)
    const events = parseSse(await stream.all())
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ type: 'event', event: 'on_conversation_end', data: { id: threadId, status: 'cancelled' } })
    expect(aiRow(threadId).status).toBe('cancelled')
    release()
  })

  it('ends the run as error when the agent yields an error, failing its running tool step; the user sees only a reference', async () => {
    const { threadId, res } = await startRun('rude')
    const events = parseSse(await res.text())
    const end = JSON.parse(events.at(-1)!.data)
    expect(end).toMatchObject({ type: 'event', event: 'on_conversation_end', data: { status: 'error' } })
    const shown: string = end.data.error
    const ref = /^the assistant could not answer \(ref ([0-9a-f]{8})\); the server log has the details$/.exec(shown)?.[1]
    expect(ref, shown).toBeDefined()
    const row = aiRow(threadId)
    expect(row).toMatchObject({ status: 'error', error: shown })
    expect(JSON.parse(row.content)[0].data).toMatchObject({ status: 'fail', error: shown })
    expect(JSON.stringify(row)).not.toContain('quota exceeded')
    // The full text is in the server log, under the same reference.
    const entry = logged.find(([m]) => m.includes(`(ref ${ref})`))
    expect(entry?.[0]).toMatch(/^run [\w-]+: agent failed \(ref [0-9a-f]{8}\)$/)
    expect((entry?.[1] as Error | undefined)?.message).toBe('quota exceeded')
  })

  it('ends the run as error when the agent yields an unknown event', async () => {
    const { res } = await startRun('broken')
    const end = JSON.parse(parseSse(await res.text()).at(-1)!.data)
    expect(end.data.status).toBe('error')
    expect(end.data.error).toMatch(/unknown event "nonsense"/)
  })

  it('gives the agent the history, the input and the request context', async () => {
    const secret = await s.session('u', 'introspect')
    const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
    const form = new FormData()
    form.set('file', new File(['hello, file'], 'notes.txt'))
    form.set('purpose', 'chat_attachment')
    const up = await fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form })
    const file = await up.json()
    const body = (text: string) => ({
      input: { input: { input: text, files: [{ id: file.id }] }, state: { human: { input: text, mood: 'calm' } } },
      context: { env: { REGION: 'eu' } },
    })
    await (await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, body('first'))).text()
    const sse = parseSse(await (await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, body('second'))).text())
    // keepAliveMs is 30 here: a loaded machine may put `: keep-alive` comments in the stream.
    const text = sse
      .filter((e) => !e.comment)
      .map((e) => JSON.parse(e.data))
      .find((e) => e.type === 'message').data.text
    expect(JSON.parse(text)).toEqual({
      history: [
        ['human', 'success'],
        ['ai', 'success'],
      ],
      input: {
        text: 'second',
        files: [{ id: file.id, name: 'notes.txt', mimeType: 'text/plain', size: 11, url: `${s.api}/contexts/file/${file.id}` }],
        references: [],
      },
      context: { env: { REGION: 'eu' } },
      state: { input: 'second', mood: 'calm' },
    })
  })

  it('recovers runs left running by a dead process as interrupted', async () => {
    const at = new Date().toISOString()
    s.store.db
      .prepare(
        "INSERT INTO threads (id, assistant_id, user_id, metadata, status, created_at, updated_at) VALUES ('00000000-0000-4000-8000-0000000000aa', 'demo', 'x', '{}', 'busy', ?, ?)",
      )
      .run(at, at)
    s.store.db
      .prepare(
        "INSERT INTO runs (id, thread_id, assistant_id, status, error, created_at, updated_at) VALUES ('00000000-0000-4000-8000-0000000000bb', '00000000-0000-4000-8000-0000000000aa', 'demo', 'running', NULL, ?, ?)",
      )
      .run(at, at)
    s.store.db
      .prepare(
        "INSERT INTO messages (id, thread_id, run_id, role, content, status, created_at, updated_at) VALUES ('m1', '00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-0000000000bb', 'ai', '[]', 'streaming', ?, ?)",
      )
      .run(at, at)
    expect(await s.store.recoverInterrupted(at)).toEqual({ runs: 1, messages: 1, uploads: 0 })
    expect((await s.store.runs.get('00000000-0000-4000-8000-0000000000bb'))!.status).toBe('interrupted')
    expect((await s.store.threads.get('00000000-0000-4000-8000-0000000000aa'))!.status).toBe('idle')
  })
})

describe('run engine with the SQLite event log', () => {
  it('merges the deltas of a fast agent into fewer events, losing and reordering nothing', async () => {
    const server = await startTestServer({ extraAgents: [burst], sqliteEventLog: true })
    try {
      const secret = await server.session('u', 'burst')
      const threadId = (await (await server.call(secret, 'POST', '/threads', {})).json()).thread_id
      const res = await server.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...server.runBody('go'), assistant_id: 'burst' })
      const messages = parseSse(await res.text())
        .filter((e) => !e.comment)
        .map((e) => JSON.parse(e.data))
        .filter((e) => e.type === 'message')
      const streamed = messages.map((e) => (e.data.type === 'text' ? e.data.text : `[${e.data.data.status}]`)).join('')
      const digits = Array.from({ length: 2000 }, (_, i) => i % 10).join('')
      expect(streamed).toBe(`${digits}[running][success]afterafterafter`)
      // Merged (at most 512 characters an event) while earlier events were being committed.
      const texts = messages.filter((e) => e.data.type === 'text')
      expect(texts.length).toBeLessThan(100)
      expect(texts.every((e) => e.data.text.length <= 512)).toBe(true)
      const row = server.store.db.prepare("SELECT content FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as { content: string }
      expect(JSON.parse(row.content).map((p: { type: string; text?: string }) => p.text ?? p.type)).toEqual([digits, 'component', 'afterafterafter'])
    } finally {
      await server.close()
    }
  })
})
