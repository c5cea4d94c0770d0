import { beforeAll, describe, expect, it, vi } from 'vitest'
import { loadFollow } from './load-follow.js'
import type { Connectivity } from './connectivity.js'
import { json, setup, sse, type Route } from './fixtures/harness.js'
import { INTERRUPTED } from './model/types.js'

const answer = [
  { type: 'event', event: 'on_conversation_start', data: { id: 't1', status: 'busy', runId: 'run_1' } },
  { type: 'event', event: 'on_message_start', data: { id: 'a1', role: 'ai' } },
  ...'The answer comes in several pieces.'.split(' ').map((w) => ({ type: 'message', data: { type: 'text', text: w + ' ', id: 'a1' } })),
  { type: 'event', event: 'on_message_end', data: { id: 'a1' } },
  { type: 'event', event: 'on_conversation_end', data: { status: 'idle' } },
  { type: 'complete' },
]
const headers = { 'content-type': 'text/event-stream', 'x-run-id': 'run_1' }
const enc = new TextEncoder()

/** The first `n` events, then the connection breaks. */
function cutAfter(text: string, n: number): Response {
  const blocks = text
    .split('\n\n')
    .slice(0, n)
    .map((b) => b + '\n\n')
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of blocks) c.enqueue(enc.encode(b))
      setTimeout(() => c.error(new TypeError('network error')), 5)
    },
  })
  return new Response(body, { headers })
}

/** What follows `Last-Event-ID` (ids are indexes), like the server's join replays. */
function after(envelopes: unknown[], init: RequestInit): string {
  const last = (init.headers as Record<string, string>)['Last-Event-ID']
  const from = last === undefined ? 0 : Number(last) + 1
  return sse(envelopes)
    .split('\n\n')
    .slice(from, envelopes.length)
    .map((b) => b + '\n\n')
    .join('')
}
const replay = (envelopes: unknown[], init: RequestInit) => new Response(after(envelopes, init), { headers })

function fakeNet(on = true) {
  const listeners: (() => void)[] = []
  const net: Connectivity = {
    online: () => on,
    onOnline: (fn) => (listeners.push(fn), () => {}),
    whenOnline: () => (on ? Promise.resolve() : new Promise<void>((r) => listeners.push(r))),
  }
  return {
    net,
    set: (v: boolean) => (
      (on = v),
      v &&
        listeners.forEach((f) => {
          f()
        })
    ),
  }
}

const reconnect = { policy: { firstDelayMs: 1, maxDelayMs: 5 }, random: () => 0.5 }
// The follower's chunk already loaded (as after typing): the streams are read as soon as they open.
beforeAll(() => loadFollow())

describe('ThreadController over a breaking connection', () => {
  it('a cut stream is rejoined with Last-Event-ID and the answer equals an uncut one, shown as reconnecting meanwhile', async () => {
    const joins: (string | undefined)[] = []
    const route: Route = (url, init) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
      if (init.method === 'POST') return cutAfter(sse(answer), 4)
      joins.push((init.headers as Record<string, string>)['Last-Event-ID'])
      // The first rejoin breaks again after one more event.
      return joins.length === 1 ? cutAfter(after(answer, init), 1) : replay(answer, init)
    }
    const seen: boolean[] = []
    const { c, errors } = setup(route, { reconnect, connectivity: fakeNet().net })
    c.state.subscribe((s) => seen.push(s.reconnecting))
    await c.send('q')
    const s = c.state.value
    expect(errors).toEqual([])
    expect(joins).toEqual(['3', '4'])
    expect(s.phase).toBe('idle')
    expect(s.reconnecting).toBe(false)
    expect(s.messages[1]).toMatchObject({ id: 'a1', status: 'done', parts: [{ type: 'text', text: 'The answer comes in several pieces. ' }] })
    expect(seen).toContain(true)
  })

  it('an answer the server stopped mid-run (replayed after a restart) is marked interrupted and can be retried', async () => {
    const cutShort = [
      ...answer.slice(0, 4),
      { type: 'event', event: 'on_conversation_end', data: { status: 'interrupted', error: 'server stopped during the run' } },
      { type: 'complete' },
    ]
    let joined = 0
    const { c } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
        if (init.method === 'POST') return cutAfter(sse(cutShort), 4)
        // Down for a while (refused), then back with the log's tail.
        return ++joined < 3 ? Promise.reject(new TypeError('Failed to fetch')) : replay(cutShort, init)
      },
      { reconnect, connectivity: fakeNet().net },
    )
    await c.send('q')
    const m = c.state.value.messages[1]
    expect(m.status).toBe('error')
    expect(m.parts).toEqual([
      { type: 'text', text: 'The answer ' },
      { type: 'error', code: INTERRUPTED, message: 'server stopped during the run' },
    ])
    expect(c.state.value.phase).toBe('idle')
  })

  it("when the run's events are gone (410) the stored messages become the transcript", async () => {
    const stored = [
      { id: 'h1', role: 'human', content: 'q', status: 'success' },
      { id: 'a1', role: 'ai', content: [{ type: 'text', text: 'The whole stored answer.' }], status: 'success' },
    ]
    const { c } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
        if (init.method === 'POST') return cutAfter(sse(answer), 4)
        if (url.pathname.endsWith('/messages')) return json(200, { items: stored, total: 2 })
        return json(410, { error: { code: 'run_events_expired', message: 'gone' } })
      },
      { reconnect, connectivity: fakeNet().net },
    )
    await c.send('q')
    const s = c.state.value
    expect(s.phase).toBe('idle')
    expect(s.messages.map((m) => [m.id, m.status])).toEqual([
      ['h1', 'done'],
      ['a1', 'done'],
    ])
    expect(s.messages[1].parts).toEqual([{ type: 'text', text: 'The whole stored answer.' }])
  })

  it('stop works while reconnecting: the answer so far stays, marked stopped', async () => {
    const net = fakeNet()
    const { c } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
        if (url.pathname.endsWith('/cancel')) return Promise.reject(new TypeError('Failed to fetch'))
        if (init.method === 'POST') return cutAfter(sse(answer), 4)
        return Promise.reject(new TypeError('Failed to fetch'))
      },
      { reconnect: { policy: { firstDelayMs: 20, maxDelayMs: 20 } }, connectivity: net.net },
    )
    const done = c.send('q')
    await vi.waitFor(() => expect(c.state.value.reconnecting).toBe(true))
    await c.stop()
    await done
    const s = c.state.value
    expect(s.phase).toBe('idle')
    expect(s.reconnecting).toBe(false)
    expect(s.messages[1]).toMatchObject({ status: 'cancelled', parts: [{ type: 'text', text: 'The answer ' }] })
  })

  it('a message typed offline waits in the queue and is sent once when back online', async () => {
    const net = fakeNet(false)
    const posts: string[] = []
    const { c } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
        posts.push(JSON.parse(String(init.body)).input.input.input)
        return new Response(sse(answer), { headers })
      },
      { reconnect, connectivity: net.net },
    )
    await c.send('typed offline')
    expect(c.state.value.queued.map((q) => q.text)).toEqual(['typed offline'])
    expect(posts).toEqual([])
    net.set(true)
    net.set(true)
    await vi.waitFor(() => expect(c.state.value.messages[1]?.status).toBe('done'))
    expect(posts).toEqual(['typed offline'])
    expect(c.state.value.queued).toEqual([])
    expect(c.state.value.messages[0].parts).toEqual([{ type: 'text', text: 'typed offline' }])
  })

  it('a send that cannot reach the server keeps the text; Retry sends it (not a regenerate of an older question)', async () => {
    let up = false
    const posts: any[] = []
    const { c } = setup(
      (url, init) => {
        if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
        if (!up) return Promise.reject(new TypeError('Failed to fetch'))
        const body = JSON.parse(String(init.body))
        posts.push(body)
        const start = {
          type: 'event',
          event: 'on_conversation_start',
          data: { id: 't1', status: 'busy', runId: 'run_1', userMessage: { id: 'h1', clientMessageId: body.input.input.clientMessageId } },
        }
        return new Response(sse([start, ...answer.slice(1)]), { headers })
      },
      { reconnect, connectivity: fakeNet().net },
    )
    await c.send('hello while the server is down')
    let s = c.state.value
    expect(s.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'error'],
    ])
    expect(s.messages[0].parts).toEqual([{ type: 'text', text: 'hello while the server is down' }])
    up = true
    await c.retry()
    s = c.state.value
    expect(posts).toHaveLength(1)
    expect(posts[0].retry).toBeUndefined()
    expect(posts[0].input.input).toMatchObject({ input: 'hello while the server is down', clientMessageId: s.messages[0].clientId })
    expect(s.messages.map((m) => [m.id, m.role, m.status])).toEqual([
      ['h1', 'user', 'done'],
      ['a1', 'assistant', 'done'],
    ])
    // Acknowledged now: a later Retry regenerates the answer instead of sending the message again.
    expect(s.messages[0].unsent).toBeUndefined()
    await c.retry()
    expect(posts[1]).toMatchObject({ retry: true })
  })
})
