import { describe, expect, it, vi } from 'vitest'
import { ApiError, type RunStream, type SSEEvent } from '../api/index.js'
import type { Connectivity } from './connectivity.js'
import { followRun, type FollowDeps } from './resilient-stream.js'

const enc = new TextEncoder()

/** A response body the test writes to, errors, ends, or leaves hanging. */
function fakeBody() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) })
  return {
    body,
    push: (text: string) => ctrl.enqueue(enc.encode(text)),
    fail: (e: unknown = new TypeError('network error')) => ctrl.error(e),
    end: () => ctrl.close(),
  }
}

const ev = (id: number, data: object, name?: string) => `id: ${id}-0\n${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`
const text = (id: number, t: string) => ev(id, { type: 'message', data: { type: 'text', text: t } })
const complete = (id: number) => ev(id, { type: 'complete' }, 'complete')

function online(initially = true) {
  let on = initially
  const waiters: (() => void)[] = []
  const net: Connectivity = {
    online: () => on,
    onOnline: () => () => {},
    whenOnline: () => (on ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
  }
  // `waiting()`: how many rejoins wait for the network (the positive signal that one is parked).
  return {
    net,
    set: (v: boolean) => (
      (on = v),
      v &&
        waiters.splice(0).forEach((r) => {
          r()
        })
    ),
    waiting: () => waiters.length,
  }
}

type Opened = { kind: 'start' | 'join'; lastId: string | null }

/** followRun with scripted streams: `streams[i]` answers the i-th open (start, then joins). */
function harness(streams: ((o: Opened) => RunStream | Promise<RunStream>)[], extra: Partial<FollowDeps> = {}) {
  const opened: Opened[] = []
  const events: SSEEvent[] = []
  const states: boolean[] = []
  let i = 0
  const next = (o: Opened) => {
    opened.push(o)
    const s = streams[i++]
    if (!s) throw new TypeError('no more scripted streams')
    return Promise.resolve(s(o))
  }
  const deps: FollowDeps = {
    start: () => next({ kind: 'start', lastId: null }),
    join: (_runId, lastId) => next({ kind: 'join', lastId }),
    onOpen: () => {},
    onEvent: (e) => (events.push(e), false),
    onReconnecting: (on) => states.push(on),
    connectivity: online().net,
    policy: { firstDelayMs: 1, maxDelayMs: 4, stallMs: 1000 },
    random: () => 0.5,
    ...extra,
  }
  const texts = () =>
    events
      .map((e) => JSON.parse(e.data))
      .filter((d) => d.type === 'message')
      .map((d) => d.data.text)
      .join('')
  return { deps, opened, events, states, texts }
}

const stream = (b: ReturnType<typeof fakeBody>, runId: string | null = 'run_1', keepAliveMs: number | null = null): RunStream => ({
  runId,
  keepAliveMs,
  body: b.body,
})

describe('followRun', () => {
  it('reads a healthy stream to its terminal event without reconnecting', async () => {
    const b = fakeBody()
    const h = harness([() => stream(b)])
    const done = followRun(h.deps, new AbortController().signal)
    b.push(text(1, 'Hello ') + text(2, 'world') + complete(3))
    b.end()
    expect(await done).toBe('ended')
    expect(h.texts()).toBe('Hello world')
    expect(h.states).toEqual([])
    expect(h.opened).toEqual([{ kind: 'start', lastId: null }])
  })

  it('a cut stream rejoins after the last id; replayed events are not applied twice', async () => {
    const first = fakeBody()
    const second = fakeBody()
    const h = harness([() => stream(first), () => stream(second)])
    const done = followRun(h.deps, new AbortController().signal)
    first.push(text(1, 'a') + text(2, 'b') + text(3, 'c'))
    await vi.waitFor(() => expect(h.texts()).toBe('abc'))
    first.fail()
    await vi.waitFor(() => expect(h.opened).toHaveLength(2))
    // A server that replays too much (from 2): ids 2 and 3 are dropped, 4 on are new.
    second.push(text(2, 'b') + text(3, 'c') + text(4, 'd') + complete(5))
    second.end()
    expect(await done).toBe('ended')
    expect(h.opened).toEqual([
      { kind: 'start', lastId: null },
      { kind: 'join', lastId: '3-0' },
    ])
    expect(h.texts()).toBe('abcd')
    expect(h.events.map((e) => e.id)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0'])
    expect(h.states).toEqual([true, false])
  })

  it('a stream that ends before its terminal event is rejoined too', async () => {
    const first = fakeBody()
    const second = fakeBody()
    const h = harness([() => stream(first), () => stream(second)])
    const done = followRun(h.deps, new AbortController().signal)
    first.push(text(1, 'x'))
    first.end()
    await vi.waitFor(() => expect(h.opened).toHaveLength(2))
    second.push(text(2, 'y') + complete(3))
    second.end()
    expect(await done).toBe('ended')
    expect(h.texts()).toBe('xy')
    expect(h.opened[1]).toEqual({ kind: 'join', lastId: '1-0' })
  })

  it('a stalled stream (no bytes for 2.5 keep-alive intervals) is cut and rejoined', async () => {
    const first = fakeBody()
    const second = fakeBody()
    const h = harness([() => stream(first, 'run_1', 20), () => stream(second)], { policy: { firstDelayMs: 1, maxDelayMs: 4, minStallMs: 0 } })
    const done = followRun(h.deps, new AbortController().signal)
    first.push(text(1, 'before the stall '))
    // Nothing more on `first`: the watchdog cuts it after 50 ms.
    await vi.waitFor(() => expect(h.opened.length).toBe(2))
    second.push(text(2, 'after') + complete(3))
    second.end()
    expect(await done).toBe('ended')
    expect(h.texts()).toBe('before the stall after')
    expect(h.states).toEqual([true, false])
  })

  it('keep-alive comments keep a quiet stream alive', async () => {
    const b = fakeBody()
    const h = harness([() => stream(b, 'run_1', 20)], { policy: { minStallMs: 0 } })
    const done = followRun(h.deps, new AbortController().signal)
    for (let i = 0; i < 8; i++) {
      b.push(': keep-alive\n\n')
      // Simulated server pacing: one keep-alive per announced interval.
      await new Promise((r) => setTimeout(r, 20))
    }
    b.push(text(1, 'late') + complete(2))
    b.end()
    expect(await done).toBe('ended')
    expect(h.opened.length).toBe(1)
    expect(h.states).toEqual([])
  })

  it('410 (events expired) or 404 on the rejoin: gone, the caller reads the stored messages', async () => {
    for (const status of [410, 404]) {
      const first = fakeBody()
      const h = harness([() => stream(first), () => Promise.reject(new ApiError('api_error', 'gone', status, 'run_events_expired'))])
      const done = followRun(h.deps, new AbortController().signal)
      first.push(text(1, 'a'))
      first.fail()
      expect(await done).toBe('gone')
    }
  })

  it('waits for the browser to be back online before rejoining', async () => {
    const net = online(true)
    const first = fakeBody()
    const second = fakeBody()
    const h = harness([() => stream(first), () => stream(second)], { connectivity: net.net })
    const done = followRun(h.deps, new AbortController().signal)
    first.push(text(1, 'a'))
    net.set(false)
    first.fail()
    // Settled: the rejoin waits for the network; nothing was opened meanwhile.
    await vi.waitFor(() => expect(net.waiting()).toBe(1))
    expect(h.opened.length).toBe(1)
    expect(h.states).toEqual([true])
    net.set(true)
    await vi.waitFor(() => expect(h.opened.length).toBe(2))
    second.push(complete(2))
    second.end()
    expect(await done).toBe('ended')
  })

  it('keeps trying through refused connections and 503s until the server is back', async () => {
    const first = fakeBody()
    const last = fakeBody()
    const refused = () => Promise.reject(new TypeError('Failed to fetch'))
    const starting = () => Promise.reject(new ApiError('api_error', 'starting', 503))
    const h = harness([() => stream(first), refused, refused, starting, refused, () => stream(last)])
    const done = followRun(h.deps, new AbortController().signal)
    first.push(text(1, 'a'))
    await vi.waitFor(() => expect(h.texts()).toBe('a'))
    first.fail()
    await vi.waitFor(() => expect(h.opened.length).toBe(6))
    last.push(text(2, 'b') + complete(3))
    last.end()
    expect(await done).toBe('ended')
    expect(h.opened.slice(1)).toEqual(Array(5).fill({ kind: 'join', lastId: '1-0' }))
    expect(h.texts()).toBe('ab')
  })

  it('gives up with a network error once the outage outlasts the deadline', async () => {
    let clock = 0
    const first = fakeBody()
    const refused = () => ((clock += 10_000), Promise.reject(new TypeError('Failed to fetch')))
    const h = harness([() => stream(first), refused, refused, refused, refused, refused], {
      now: () => clock,
      policy: { firstDelayMs: 1, maxDelayMs: 1, deadlineMs: 30_000 },
    })
    const done = followRun(h.deps, new AbortController().signal)
    first.fail()
    const err = (await done.catch((e) => e)) as { code: string; message: string }
    expect(err.code).toBe('network')
    expect(err.message).toMatch(/could not rejoin the answer/)
    expect(h.opened.length).toBeLessThanOrEqual(5)
  })

  it('an abort while reconnecting ends at once with an AbortError', async () => {
    const first = fakeBody()
    const abort = new AbortController()
    const h = harness([() => stream(first)], { policy: { firstDelayMs: 60_000, maxDelayMs: 60_000 } })
    const done = followRun(h.deps, abort.signal)
    first.fail()
    await vi.waitFor(() => expect(h.states).toEqual([true]))
    abort.abort()
    expect(((await done.catch((e) => e)) as Error).name).toBe('AbortError')
  })

  it('does not retry what cannot be resumed: a failed start, or a refused secret', async () => {
    const h = harness([() => Promise.reject(new TypeError('Failed to fetch'))])
    expect(((await followRun(h.deps, new AbortController().signal).catch((e) => e)) as Error).message).toBe('Failed to fetch')
    const first = fakeBody()
    const h2 = harness([() => stream(first), () => Promise.reject(new ApiError('client_secret', 'expired', 401))])
    const done = followRun(h2.deps, new AbortController().signal)
    first.fail()
    expect(((await done.catch((e) => e)) as ApiError).status).toBe(401)
  })

  it("uses the consumer's terminal verdict for events the server did not name", async () => {
    const b = fakeBody()
    const h = harness([() => stream(b)], { onEvent: (e) => JSON.parse(e.data).type === 'complete' })
    const done = followRun(h.deps, new AbortController().signal)
    b.push(`id: 1-0\ndata: {"type":"complete"}\n\n`)
    // No end of stream: the terminal event alone settles it once the body is done.
    b.end()
    expect(await done).toBe('ended')
  })
})
