import { beforeAll, describe, expect, it, vi } from 'vitest'
import { loadFollow } from './load-follow.js'
import { json, setup, sse, type Route } from './fixtures/harness.js'
import { liveRun, threadFromHistory } from './model/from-api.js'
import { INTERRUPTED } from './model/types.js'

const words = 'The answer comes in several pieces.'.split(' ').map((w) => w + ' ')
const full = words.join('')
const answer = [
  { type: 'event', event: 'on_conversation_start', data: { id: 't1', status: 'busy', runId: 'run_1' } },
  { type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } },
  ...words.map((text) => ({ type: 'message', data: { type: 'text', text, id: 'a1' } })),
  { type: 'event', event: 'on_message_end', data: { id: 'a1', status: 'success' } },
  { type: 'event', event: 'on_conversation_end', data: { id: 't1', status: 'idle' } },
  { type: 'complete' },
]
const headers = { 'content-type': 'text/event-stream', 'x-run-id': 'run_1' }
const enc = new TextEncoder()
const human = { id: 'h1', role: 'human', content: 'q', status: 'success' }
/** What the server stored so far: the first two words (its periodic save). */
const partial = (status = 'streaming', extra: object = {}) => ({
  id: 'a1',
  role: 'ai',
  runId: 'run_1',
  content: [{ type: 'text', text: words.slice(0, 2).join('') }],
  status,
  ...extra,
})

const lastIdOf = (init: RequestInit) => (init.headers as Record<string, string>)['Last-Event-ID']
/** The events after `Last-Event-ID` (ids are indexes), then the connection breaks after `n` of them (or ends). */
function replay(init: RequestInit, n = Infinity): Response {
  const last = lastIdOf(init)
  const blocks = sse(answer)
    .split('\n\n')
    .slice(last === undefined ? 0 : Number(last) + 1, answer.length)
    .map((b) => b + '\n\n')
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of blocks.slice(0, n)) c.enqueue(enc.encode(b))
      if (n < blocks.length) setTimeout(() => c.error(new TypeError('network error')), 5)
      else c.close()
    },
  })
  return new Response(body, { headers })
}

const reconnect = { policy: { firstDelayMs: 1, maxDelayMs: 5 }, random: () => 0.5 }
// The follower's chunk already loaded (as after typing): the streams are read as soon as they open.
beforeAll(() => loadFollow())
const textOf = (parts: readonly { type: string; text?: string }[]) => parts.map((p) => (p.type === 'text' ? p.text : '')).join('')

describe('liveRun: which stored answer is still being written', () => {
  it('the newest AI message while streaming, with its run id — also with a queued question after it', () => {
    expect(liveRun([human, partial()])).toEqual({ messageId: 'a1', runId: 'run_1' })
    expect(liveRun([human, partial(), { id: 'h2', role: 'human', content: 'next', status: 'success' }])).toEqual({ messageId: 'a1', runId: 'run_1' })
  })

  it('nothing for a finished, stopped, failed or cut-off answer, an older streaming one, or one without a run id', () => {
    for (const status of ['success', 'cancelled', 'error']) expect(liveRun([human, partial(status)])).toBeNull()
    expect(liveRun([human, partial('interrupted', { error: 'server stopped during the run' })])).toBeNull()
    expect(liveRun([partial(), human, { ...partial('success'), id: 'a2' }])).toBeNull()
    expect(liveRun([human, { ...partial(), runId: undefined }])).toBeNull()
    expect(liveRun([human])).toBeNull()
    expect(liveRun([])).toBeNull()
  })

  it('the stored copy alone (another tab re-reading it) shows what is saved, as before', () => {
    const s = threadFromHistory('t1', [human, partial()])
    expect(s.phase).toBe('idle')
    expect(s.messages[1]).toMatchObject({ status: 'done', parts: [{ type: 'text', text: 'The answer ' }] })
  })
})

describe('ThreadController opening a thread mid-answer', () => {
  it('rejoins the run from its first event and ends with exactly the whole answer, once, across a cut', async () => {
    const joins: (string | undefined)[] = []
    const route: Route = (url, init) => {
      if (url.pathname.endsWith('/messages')) return json(200, { items: [human, partial()], total: 2 })
      joins.push(lastIdOf(init))
      // The rejoin itself breaks after four events, and is rejoined after the last one received.
      return joins.length === 1 ? replay(init, 4) : replay(init)
    }
    const { c, errors, requests } = setup(route, { reconnect })
    await c.load('t1')
    expect(c.state.value).toMatchObject({ phase: 'running', runId: 'run_1', currentMessageId: 'a1' })
    expect(c.running).toBe(true)
    await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
    expect(errors).toEqual([])
    expect(requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /api/ai/conversations/t1/messages',
      'GET /api/ai/threads/t1/runs/run_1/stream',
      'GET /api/ai/threads/t1/runs/run_1/stream',
    ])
    expect(joins).toEqual([undefined, '3'])
    const m = c.state.value.messages[1]
    expect(m).toMatchObject({ id: 'a1', status: 'done' })
    expect(textOf(m.parts)).toBe(full)
    expect(c.state.value.messages).toHaveLength(2)
  })

  it('Stop cancels the rejoined run on the server and keeps the answer so far, marked stopped', async () => {
    let close: (() => void) | null = null
    const route: Route = (url, init) => {
      if (url.pathname.endsWith('/messages')) return json(200, { items: [human, partial()], total: 2 })
      if (url.pathname.endsWith('/cancel')) {
        close?.()
        return json(202, { run_id: 'run_1', status: 'cancelling' })
      }
      // The run goes on (four events so far) until it is cancelled.
      const body = new ReadableStream<Uint8Array>({
        start(ctl) {
          ctl.enqueue(enc.encode(sse(answer).split('\n\n').slice(0, 4).join('\n\n') + '\n\n'))
          const end = [
            { type: 'event', event: 'on_message_end', data: { id: 'a1', status: 'cancelled' } },
            { type: 'event', event: 'on_conversation_end', data: { id: 't1', status: 'cancelled' } },
            { type: 'complete' },
          ]
          close = () => (ctl.enqueue(enc.encode(end.map((e, i) => `id: ${10 + i}\ndata: ${JSON.stringify(e)}\n\n`).join(''))), ctl.close())
        },
      })
      void init
      return new Response(body, { headers })
    }
    const { c, requests, events } = setup(route, { reconnect })
    await c.load('t1')
    await vi.waitFor(() => expect(textOf(c.state.value.messages[1].parts)).toBe('The answer '))
    await c.stop()
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/ai/threads/t1/runs/run_1/cancel'])
    expect(c.state.value.phase).toBe('idle')
    expect(c.state.value.messages[1]).toMatchObject({ status: 'cancelled', parts: [{ type: 'text', text: 'The answer ' }] })
    expect(events.map(([n]) => n)).toContain('response.stop')
  })

  it("opening another thread stops following the rejoined run but does not cancel it (it is not this page's)", async () => {
    const route: Route = (url, init) => {
      if (url.pathname.endsWith('/t1/messages')) return json(200, { items: [human, partial()], total: 2 })
      if (url.pathname.endsWith('/t2/messages')) return json(200, { items: [{ ...human, id: 'h9', content: 'other' }], total: 1 })
      // The run goes on: four events, then nothing yet.
      const body = new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(enc.encode(sse(answer).split('\n\n').slice(0, 4).join('\n\n') + '\n\n')) })
      void init
      return new Response(body, { headers })
    }
    const { c, requests, errors } = setup(route, { reconnect })
    await c.load('t1')
    await vi.waitFor(() => expect(textOf(c.state.value.messages[1].parts)).toBe('The answer '))
    await c.load('t2')
    expect(requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(errors).toEqual([])
    expect(c.running).toBe(false)
    expect(c.state.value).toMatchObject({ threadId: 't2', phase: 'idle' })
    expect(c.state.value.messages.map((m) => m.id)).toEqual(['h9'])
  })

  it('an answer the server cut off (restart) loads as cut off, with no rejoin', async () => {
    const { c, requests } = setup((_url) => json(200, { items: [human, partial('interrupted', { error: 'server stopped during the run' })], total: 2 }))
    await c.load('t1')
    expect(c.running).toBe(false)
    expect(c.state.value.phase).toBe('idle')
    expect(c.state.value.messages[1]).toMatchObject({
      status: 'error',
      parts: [
        { type: 'text', text: 'The answer ' },
        { type: 'error', code: INTERRUPTED },
      ],
    })
    expect(requests).toHaveLength(1)
  })

  it('a run whose events are gone (410) ends on the stored messages, shown as stored', async () => {
    let reads = 0
    const { c, errors } = setup(
      (url) => {
        if (url.pathname.endsWith('/messages')) return json(200, { items: [human, ++reads === 1 ? partial() : partial('success')], total: 2 })
        return json(410, { error: { code: 'run_events_expired', message: 'gone' } })
      },
      { reconnect },
    )
    await c.load('t1')
    await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
    expect(errors).toEqual([])
    expect(reads).toBe(2)
    expect(c.state.value.messages[1]).toMatchObject({ status: 'done', parts: [{ type: 'text', text: 'The answer ' }] })
  })

  describe('a run that paused for the user', () => {
    const paused = [
      ...answer.slice(0, 4),
      {
        type: 'event',
        event: 'on_interrupt',
        data: {
          tasks: [
            {
              id: 'run_1',
              name: 'demo',
              path: [],
              interrupts: [
                {
                  id: 'run_1-interrupt',
                  value: {
                    actionRequests: [{ name: 'send_email', args: { to: 'x@y.z' } }],
                    reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'reject'] }],
                  },
                },
              ],
            },
          ],
        },
      },
      { type: 'event', event: 'on_message_end', data: { id: 'a1', status: 'interrupted' } },
      { type: 'event', event: 'on_conversation_end', data: { id: 't1', status: 'interrupted' } },
      { type: 'complete' },
    ]
    const join = () => new Response(sse(paused), { headers })

    it('while it was being written keeps the approval panel: the pause is real', async () => {
      let reads = 0
      const { c } = setup(
        (url) => (url.pathname.endsWith('/messages') ? json(200, { items: [human, ++reads === 1 ? partial() : partial('interrupted')], total: 2 }) : join()),
        { reconnect },
      )
      await c.load('t1')
      await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
      expect(reads).toBe(2)
      expect(c.state.value.messages[1].parts.map((p) => p.type)).toEqual(['text', 'interrupt'])
    })

    it('while the store says the answer is still being written (a resumed answer keeps its first run id): shown as stored', async () => {
      const { c, errors } = setup((url) => (url.pathname.endsWith('/messages') ? json(200, { items: [human, partial()], total: 2 }) : join()), { reconnect })
      await c.load('t1')
      await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
      expect(errors).toEqual([])
      expect(c.state.value.messages[1]).toMatchObject({ status: 'done', parts: [{ type: 'text', text: 'The answer ' }] })
    })
  })
})
