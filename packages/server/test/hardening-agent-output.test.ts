// Hostile agent output through the real engine (HTTP, SSE, SQLite): values JSON cannot carry,
// wrong event kinds, a 5 MB text chunk, 10,000 tool steps, a 10,000-level widget. Each bad run
// must end as a clear error on that run (partial answer kept, stream ending with that `on_conversation_end`),
// never as a crash, a hang, a message stuck in `streaming` or a silent drop.
import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { record, scale } from '../../../scripts/hardening-report.mjs'
import { envelopesOf, eventsNamed, partsOf, textOf } from '../src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../src/testing/harness.js'

const BIG = 5 * 1024 * 1024
const STEPS = scale(10_000, 10_000)

function deepWidget(depth: number) {
  const root: Record<string, unknown> = { type: 'Card', children: [] }
  let node = root
  for (let i = 0; i < depth; i++) {
    const child = { type: 'Box', children: [] as unknown[] }
    node.children = [child]
    node = child
  }
  return root
}

const cyclic = () => {
  const o: Record<string, unknown> = { a: 1 }
  o.self = o
  return o
}

/** Each keyword: what the agent yields after `before`, and the error the run must end with. */
const bad: Record<string, { events: () => unknown[]; error: RegExp }> = {
  cycle: { events: () => [{ type: 'tool_start', id: 't', name: 'x', input: cyclic() }], error: /tool_start event: input\.self refers back to itself/ },
  bigint: {
    events: () => [
      { type: 'tool_start', id: 't', name: 'x' },
      { type: 'tool_end', id: 't', output: { n: 10n } },
    ],
    error: /tool_end event: output\.n is a bigint/,
  },
  function: {
    events: () => [{ type: 'widget', widget: { type: 'Card', children: [{ type: 'Button', onClick: () => 1 }] } }],
    error: /widget\.children\[0\]\.onClick is a function/,
  },
  map: { events: () => [{ type: 'chat_event', data: { type: 'progress', seen: new Map([[1, 2]]) } }], error: /chat_event event: data\.seen is a Map/ },
  nan: { events: () => [{ type: 'usage', usage: { inputTokens: 1, outputTokens: 1, totalTokens: NaN } }], error: /usage\.totalTokens is NaN/ },
  deep: { events: () => [{ type: 'widget', widget: deepWidget(10_000) }], error: /widget event: widget\.children\[0\].*… is nested deeper than 256 levels/ },
  effect: { events: () => [{ type: 'client_effect', name: 'x', args: { f: Symbol('s') } }], error: /client_effect event: args\.f is a symbol/ },
  interrupt: {
    events: () => [{ type: 'interrupt', value: { clientToolCalls: [{ id: 'c', name: 'n', args: { when: Infinity } }] } }],
    error: /interrupt event: value\.clientToolCalls\[0\]\.args\.when is Infinity/,
  },
  unknown: { events: () => [{ type: 'explode' }], error: /unknown event "explode"/ },
  null: { events: () => [null], error: /unknown event null/ },
  typeless: { events: () => [{ type: cyclic() }], error: /unknown event object without a string "type"/ },
  title: { events: () => [{ type: 'tool_start', id: 't', name: 'x', title: { html: 1 } }], error: /tool_start event: title must be a string/ },
  textnum: { events: () => [{ type: 'text', text: 42 }], error: /text event: text must be a string/ },
  widgetid: { events: () => [{ type: 'widget', id: { x: 1 }, widget: { type: 'Card' } }], error: /widget event: id must be a non-empty string/ },
  agentname: { events: () => [{ type: 'agent_start', agentKey: 'k', name: 7 }], error: /agent_start event: name must be a string/ },
}

const hostile = defineAgent({
  id: 'hostile-output',
  name: 'Hostile output',
  async *run(ctx) {
    const k = ctx.input.text
    if (k === '5mb') {
      yield { type: 'text', text: 'x'.repeat(BIG) }
      return
    }
    if (k === 'steps') {
      for (let i = 0; i < STEPS; i++) {
        yield { type: 'tool_start', id: `s${i}`, name: 'lookup', input: { i } }
        yield { type: 'tool_end', id: `s${i}`, output: { ok: i } }
      }
      yield { type: 'text', text: 'done' }
      return
    }
    yield { type: 'text', text: 'before the bad event' }
    for (const ev of bad[k]!.events()) yield ev as AgentEvent
    yield { type: 'text', text: 'never read' }
  },
})
const notIterable = defineAgent({ id: 'not-iterable', name: 'Not iterable', run: (() => ({ nope: true })) as never })

const serverErrors: string[] = []
let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [hostile, notIterable], onError: (m) => void serverErrors.push(m) })))
afterAll(() => s.close())

async function run(text: string, assistant = 'hostile-output') {
  const secret = await s.session('u', assistant)
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), assistant_id: assistant })
  expect(res.status).toBe(200)
  const envs = envelopesOf(await res.text())
  const row = s.store.db.prepare("SELECT content, status, error FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as {
    content: string
    status: string
    error: string | null
  }
  return { envs, row, content: JSON.parse(row.content) as { type: string; text?: string; data?: any }[] }
}

let messages = 0
describe('hostile agent output (engine)', () => {
  it.each(Object.keys(bad))('%s: the run ends with a clear error, the partial answer kept', async (k) => {
    const { envs, row, content } = await run(k)
    messages++
    expect(envs.at(-1)).toMatchObject({ type: 'event', event: 'on_conversation_end' })
    const end = eventsNamed(envs, 'on_conversation_end')[0] as { status: string; error: string }
    expect(end.status).toBe('error')
    expect(end.error).toMatch(bad[k]!.error)
    expect(row).toMatchObject({ status: 'error', error: end.error })
    expect(textOf(envs)).toBe('before the bad event')
    expect(content[0]).toMatchObject({ type: 'text', text: 'before the bad event' })
  })

  it('an agent whose run() returns no async iterable fails the run with a clear error', async () => {
    const { envs, row } = await run('go', 'not-iterable')
    messages++
    expect(eventsNamed(envs, 'on_conversation_end')[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/must return an async iterable/) })
    expect(row.status).toBe('error')
  })

  it('a single 5 MB text chunk streams and is stored whole', async () => {
    const { envs, row, content } = await run('5mb')
    messages++
    expect(row.status).toBe('success')
    expect(textOf(envs).length).toBe(BIG)
    expect(content).toHaveLength(1)
    expect(content[0]!.text!.length).toBe(BIG)
  })

  it(`${STEPS} tool steps stream and are stored, each once`, async () => {
    const { envs, row, content } = await run('steps')
    messages++
    expect(row.status).toBe('success')
    const comps = content.filter((p) => p.type === 'component')
    expect(comps).toHaveLength(STEPS)
    expect(new Set(comps.map((c: any) => c.id)).size).toBe(STEPS)
    expect(comps.every((c) => c.data.status === 'success')).toBe(true)
    expect(partsOf(envs, 'component')).toHaveLength(2 * STEPS)
  })

  it('the server still answers afterwards; agent faults were not reported as server faults', async () => {
    const secret = await s.session('u')
    const threadId = await s.thread(secret)
    const envs = envelopesOf(await (await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, s.runBody('hello'))).text())
    expect(eventsNamed(envs, 'on_conversation_end')[0]).toEqual({ id: threadId, status: 'idle' })
    expect(textOf(envs).length).toBeGreaterThan(0)
    expect(serverErrors).toEqual([])
    record(
      'hostile agent output (engine)',
      { messages, crashes: 0 },
      `${Object.keys(bad).length} malformed kinds each a clear run error; 5 MB chunk and ${STEPS} steps stored whole`,
    )
  })
})
