/**
 * The first message of a conversation in one round trip (issue 18): the run request names a new
 * UUID with `if_not_exists: 'create'`; a server that refuses it (XpertAI) gets `POST /threads`
 * first, and is remembered, so later conversations do not try again.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { afterFirstContent } from '../shared/index.js'
import { loadFollow } from './load-follow.js'
import { json, setup, sseResponse } from './fixtures/harness.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const end = (id: string) => [
  { type: 'event', event: 'on_conversation_start', data: { id, status: 'busy' } },
  { type: 'message', data: { type: 'text', text: 'Hi', id: 'a1' } },
  // No `complete`: the stream closes after on_conversation_end, as XpertAI's server ends a run.
  { type: 'event', event: 'on_conversation_end', data: { id, status: 'idle' } },
]

function memory() {
  let ok = true
  return { supported: () => ok, unsupported: () => void (ok = false) }
}

describe('first send', () => {
  it('creates the thread with the run: one request, a client-named UUID, thread.change once the run opened', async () => {
    const { c, requests, events } = setup((url) => sseResponse(end(url.pathname.split('/')[4])), { threadOnRun: memory() })
    await c.send('hello')
    expect(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<id>')}`)).toEqual(['POST /api/ai/threads/<id>/runs/stream'])
    expect(requests[0].body).toMatchObject({ if_not_exists: 'create', input: { input: { input: 'hello' } } })
    const id = c.state.value.threadId!
    expect(id).toMatch(UUID)
    expect(requests[0].path).toBe(`/api/ai/threads/${id}/runs/stream`)
    expect(events.map((e) => e[0])).toEqual(['response.start', 'thread.change', 'response.end'])
    expect(events[1][1]).toEqual({ threadId: id })
    expect(c.state.value.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ])
    // The next message continues the thread without asking to create it.
    await c.send('again')
    expect(requests[1].path).toBe(`/api/ai/threads/${id}/runs/stream`)
    expect(requests[1].body.if_not_exists).toBeUndefined()
  })

  it('a server that answers 404 gets POST /threads and the run; the next new conversation creates first', async () => {
    const m = memory()
    const { c, requests, events, errors } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: `t${requests.length}` })
        if (JSON.parse(String(init.body)).if_not_exists) return json(404, { error: { code: 'not_found', message: 'conversation not found' } })
        return sseResponse(end(url.pathname.split('/')[4]))
      },
      { threadOnRun: m },
    )
    await c.send('hello')
    expect(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<id>')}`)).toEqual([
      'POST /api/ai/threads/<id>/runs/stream',
      'POST /api/ai/threads',
      'POST /api/ai/threads/t2/runs/stream',
    ])
    expect(errors).toEqual([])
    expect(c.state.value.threadId).toBe('t2')
    expect(events.filter((e) => e[0] === 'thread.change')).toEqual([['thread.change', { threadId: 't2' }]])
    expect(m.supported()).toBe(false)
    await c.send('a new one', { newThread: true })
    expect(requests.slice(3).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/ai/threads', 'POST /api/ai/threads/t4/runs/stream'])
  })

  it('with the secret at hand, the run request goes out before the thread re-renders with the new message', async () => {
    const order: string[] = []
    const { c } = setup((url) => (order.push('request'), sseResponse(end(url.pathname.split('/')[4]))), { threadOnRun: memory() })
    await c.send('hello')
    order.length = 0
    // A view re-renders in a microtask after the state changes (as Preact does).
    c.state.subscribe((s) => s.messages.length > 2 && !order.includes('render') && queueMicrotask(() => order.push('render')))
    await c.send('again')
    expect(order.slice(0, 2)).toEqual(['request', 'render'])
  })
})

describe('the first content of an answer', () => {
  beforeAll(() => loadFollow())

  it('is applied when it arrives; what follows waits for the next animation frame', async () => {
    const enc = new TextEncoder()
    let push!: (e: unknown, id: number) => void
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => void (push = (e, id) => ctl.enqueue(enc.encode(`id: ${id}\ndata: ${JSON.stringify(e)}\n\n`))),
    })
    const frames: (() => void)[] = []
    const { c } = setup(() => new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'r1' } }), {
      threadOnRun: memory(),
      schedule: (fn) => void frames.push(fn),
    })
    void c.send('hello')
    const text = () => c.state.value.messages[1]?.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
    push({ type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } }, 0)
    push({ type: 'message', data: { type: 'text', text: 'Hi', id: 'a1' } }, 1)
    await vi.waitFor(() => expect(text()).toBe('Hi'))
    push({ type: 'message', data: { type: 'text', text: ' there', id: 'a1' } }, 2)
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0))
    expect(text()).toBe('Hi')
    frames.splice(0).forEach((f) => {
      f()
    })
    expect(text()).toBe('Hi there')
    await c.stop()
  })

  it('comes before lazy code it does not need: such a load starts once it is painted', async () => {
    const enc = new TextEncoder()
    let push!: (e: unknown, id: number) => void
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => void (push = (e, id) => ctl.enqueue(enc.encode(`id: ${id}\ndata: ${JSON.stringify(e)}\n\n`))),
    })
    const { c, requests } = setup(() => new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-run-id': 'r1' } }), {
      threadOnRun: memory(),
    })
    void c.send('hello')
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    const text = () => c.state.value.messages[1]?.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
    // What the thread showed when the held load (the Export menu's chunk, say) started.
    const seen: (string | undefined)[] = []
    const loaded = afterFirstContent(async () => void seen.push(text()))()
    push({ type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } }, 0)
    await vi.waitFor(() => expect(c.state.value.messages[1]?.role).toBe('assistant'))
    expect(seen).toEqual([])
    push({ type: 'message', data: { type: 'text', text: 'Hi', id: 'a1' } }, 1)
    await loaded
    expect(seen).toEqual(['Hi'])
    await c.stop()
  })
})
