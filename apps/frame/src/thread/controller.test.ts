import { describe, expect, it, vi } from 'vitest'
import { json, setup, sse } from './fixtures/harness.js'

const answer = (clientId: string) => [
  { type: 'event', event: 'on_conversation_start', data: { id: 't1', status: 'busy', runId: 'run_1', userMessage: { id: 'h1', clientMessageId: clientId } } },
  { type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } },
  { type: 'message', data: { type: 'text', text: 'Hello ', id: 'a1' } },
  { type: 'message', data: { type: 'text', text: 'world', id: 'a1' } },
  { type: 'event', event: 'on_message_end', data: { id: 'a1' } },
  { type: 'event', event: 'on_conversation_end', data: { status: 'idle' } },
  { type: 'complete' },
]

describe('ThreadController', () => {
  it('creates a thread, streams the answer and reports the lifecycle', async () => {
    const { c, requests, events } = setup((url, init) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1', status: 'idle' })
      const body = JSON.parse(String(init.body))
      const text = sse(answer(body.input.input.clientMessageId))
      return new Response(text, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'run_1' } })
    })
    await c.send('Hi there')
    const s = c.state.value
    expect(s.threadId).toBe('t1')
    expect(s.phase).toBe('idle')
    expect(s.messages.map((m) => [m.id, m.role, m.status])).toEqual([
      ['h1', 'user', 'done'],
      ['a1', 'assistant', 'done'],
    ])
    expect(s.messages[1].parts).toEqual([{ type: 'text', text: 'Hello world' }])
    expect(events.map((e) => e[0])).toEqual(['response.start', 'thread.change', 'response.end'])
    expect(events[1][1]).toEqual({ threadId: 't1' })
    expect(requests[0]).toEqual({ method: 'POST', path: '/api/ai/threads', body: { assistant_id: 'xpert_1' } })
    expect(requests[1].path).toBe('/api/ai/threads/t1/runs/stream')
    expect(requests[1].body).toMatchObject({
      assistant_id: 'xpert_1',
      input: { input: { input: 'Hi there' }, state: { mood: 'calm', human: { input: 'Hi there' } } },
      context: { env: { REGION: 'eu' } },
      config: { tags: ['support'] }, // request.config
    })
  })

  it('stop: cancels the run by id, then aborts the stream; the partial answer stays, marked cancelled', async () => {
    let streamController!: ReadableStreamDefaultController<Uint8Array>
    const { c, requests, events } = setup((url) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
      if (url.pathname.endsWith('/cancel')) return json(202, { status: 'cancelling' })
      const body = new ReadableStream<Uint8Array>({
        start(ctrl) {
          streamController = ctrl
          ctrl.enqueue(new TextEncoder().encode(sse(answer('x').slice(0, 3))))
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'run_7' } })
    })
    const done = c.send('long question')
    await vi.waitFor(() => expect(c.state.value.messages[1]?.parts).toEqual([{ type: 'text', text: 'Hello ' }]))
    expect(c.state.value.messages[1].status).toBe('streaming')
    await c.stop()
    await done
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/ai/threads',
      'POST /api/ai/threads/t1/runs/stream',
      'POST /api/ai/threads/t1/runs/run_7/cancel',
    ])
    expect(c.state.value.messages[1]).toMatchObject({ status: 'cancelled', parts: [{ type: 'text', text: 'Hello ' }] })
    expect(c.state.value.phase).toBe('idle')
    expect(events.map((e) => e[0])).toEqual(['response.start', 'thread.change', 'response.stop', 'response.end'])
    expect(() => streamController.enqueue(new Uint8Array(1))).toThrow() // the body was cancelled
  })

  it('an API error shows inline in the answer and is emitted; the run ends', async () => {
    const { c, events, errors } = setup((url) =>
      url.pathname.endsWith('/threads') ? json(200, { thread_id: 't1' }) : json(409, { error: { code: 'busy', message: 'a run is already active' } }),
    )
    await c.send('hi')
    const m = c.state.value.messages[1]
    expect(m).toMatchObject({
      role: 'assistant',
      status: 'error',
      parts: [{ type: 'error', code: 'api_error', message: 'a run is already active (HTTP 409)' }],
    })
    expect(errors).toHaveLength(1)
    expect(events.at(-1)?.[0]).toBe('response.end')
    expect(c.running).toBe(false)
  })

  it('a stream cut off before the run ended becomes an error', async () => {
    const { c } = setup((url) =>
      url.pathname.endsWith('/threads')
        ? json(200, { thread_id: 't1' })
        : new Response(sse(answer('x').slice(0, 3)), { headers: { 'content-type': 'text/event-stream' } }),
    )
    await c.send('hi')
    expect(c.state.value.messages[1]).toMatchObject({ status: 'error', parts: [{ type: 'text' }, { type: 'error', code: 'stream_error' }] })
  })

  it('queues a message typed while one streams and sends it after the answer ends', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { c, requests } = setup(async (url, init) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
      const body = JSON.parse(String(init.body))
      if (body.input.input.input === 'one') await gate
      return new Response(sse(answer(body.input.input.clientMessageId)), { headers: { 'content-type': 'text/event-stream' } })
    })
    const first = c.send('one')
    await c.send('two')
    expect(c.state.value.queued.map((q) => q.text)).toEqual(['two'])
    release()
    await first
    await vi.waitFor(() => expect(c.state.value.messages.filter((m) => m.role === 'user')).toHaveLength(2))
    await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
    expect(c.state.value.queued).toEqual([])
    expect(requests.filter((r) => r.path.endsWith('/runs/stream')).map((r) => r.body.input.input.input)).toEqual(['one', 'two'])
  })

  it('loads a thread with load events, and null returns to a new thread', async () => {
    const { c, events, requests } = setup(() =>
      json(200, {
        items: [
          { id: 'h1', role: 'human', content: 'hi', status: 'success' },
          { id: 'a1', role: 'ai', content: [{ type: 'text', text: '**hello**' }], status: 'success' },
        ],
        total: 2,
      }),
    )
    await c.load('t9')
    expect(requests[0].path).toBe('/api/ai/conversations/t9/messages?limit=100&offset=0')
    expect(c.state.value).toMatchObject({
      threadId: 't9',
      phase: 'idle',
      messages: [
        { id: 'h1', role: 'user' },
        { id: 'a1', role: 'assistant' },
      ],
    })
    await c.load(null)
    expect(c.state.value.messages).toEqual([])
    expect(events).toEqual([
      ['thread.load.start', { threadId: 't9' }],
      ['thread.change', { threadId: 't9' }],
      ['thread.load.end', { threadId: 't9' }],
      ['thread.change', { threadId: null }],
    ])
  })

  it('a thread that is gone shows a notice, reports the error and tells the host to forget it', async () => {
    const { c, events, errors } = setup(() => json(404, { error: { code: 'not_found', message: 'no such conversation' } }))
    await c.load('gone')
    expect(c.state.value.threadId).toBeNull()
    expect(c.state.value.notice?.message).toContain('no such conversation')
    expect(errors).toHaveLength(1)
    expect(events.map((e) => e[0])).toEqual(['thread.load.start', 'thread.change', 'thread.load.end'])
  })
})
