import { signal } from '@preact/signals'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../api/index.js'
import type { ThreadController } from './controller.js'
import { threadFromHistory } from './model/from-api.js'
import { syncTabs, TAB_CHANNEL } from './tab-sync.js'
import type { ThreadState } from './model/types.js'

const human = (id: string, text: string) => ({ id, role: 'human', content: text, status: 'success' })
const ai = (id: string, text: string) => ({ id, role: 'ai', content: [{ type: 'text', text }], status: 'success' })

/** What the server stores, and the reads the frame made. */
function server(initial: unknown[]) {
  const stored = [...initial]
  const reads: string[] = []
  let hold: Promise<void> | null = null
  const api = {
    async json(_method: string, path: string) {
      reads.push(path)
      const q = new URLSearchParams(path.split('?')[1])
      const offset = Number(q.get('offset'))
      const items = stored.slice(offset, offset + Number(q.get('limit')))
      const total = stored.length
      await hold
      return { items, total }
    },
  } as unknown as ApiClient
  return { stored, reads, api, holdReads: (p: Promise<void> | null) => (hold = p) }
}

/** A frame: its thread state and whether a run of its own is in flight. */
function frame(state: ThreadState) {
  const f = { state: signal(state), running: false }
  return f as typeof f & ThreadController
}

const cleanups: (() => void)[] = []
afterEach(() => {
  cleanups.splice(0).forEach((c) => {
    c()
  })
  vi.useRealTimers()
})

function sync(f: ThreadController, api: ApiClient, doc = Object.assign(new EventTarget(), { visibilityState: 'visible' })) {
  const stop = syncTabs(f, api, new BroadcastChannel(TAB_CHANNEL), doc as unknown as Document)
  cleanups.push(stop)
  return doc
}

/** The other tab, as seen on the channel. */
function otherTab() {
  const ch = new BroadcastChannel(TAB_CHANNEL)
  const heard: unknown[] = []
  ch.onmessage = (e) => heard.push(e.data)
  cleanups.push(() => ch.close())
  return { announce: (thread: string, running = false) => ch.postMessage({ thread, running }), heard }
}

const ids = (f: ThreadController) => f.state.value.messages.map((m) => m.id)

describe('tab sync', () => {
  it('announces its own run on a shown thread when it starts and when it ends', async () => {
    const s = server([])
    const f = frame(threadFromHistory('t1', []))
    sync(f, s.api)
    const other = otherTab()
    f.state.value = { ...f.state.value, phase: 'running' }
    f.state.value = { ...f.state.value, messages: [] }
    f.state.value = { ...f.state.value, phase: 'idle' }
    // A new thread created by a run is nobody else's yet: not announced.
    f.state.value = { ...threadFromHistory('t2', []), phase: 'running' }
    await expect
      .poll(() => other.heard)
      .toEqual([
        { thread: 't1', running: true },
        { thread: 't1', running: false },
      ])
  })

  it('an idle frame showing the announced thread re-reads it quietly; other threads are not its business', async () => {
    const s = server([human('h1', 'hi'), ai('a1', 'hello')])
    const f = frame(threadFromHistory('t1', [human('h1', 'hi')]))
    sync(f, s.api)
    const other = otherTab()
    const phases: string[] = []
    cleanups.push(f.state.subscribe((v) => phases.push(v.phase)))
    other.announce('t9')
    other.announce('t1')
    await expect.poll(() => ids(f)).toEqual(['h1', 'a1'])
    expect(s.reads).toEqual(['/conversations/t1/messages?limit=100&offset=0'])
    expect(phases.every((p) => p === 'idle')).toBe(true)
  })

  it('a frame busy with its own run re-reads once that run ends', async () => {
    const s = server([human('h1', 'mine'), ai('a1', 'x'), human('h2', 'theirs'), ai('a2', 'y')])
    const f = frame({ ...threadFromHistory('t1', [human('h1', 'mine')]), phase: 'running' })
    f.running = true
    sync(f, s.api)
    // A channel opened after the frame's hears each message after it: once it has heard the
    // announcement, the frame has too (and made no read).
    const witness = otherTab()
    otherTab().announce('t1')
    await expect.poll(() => witness.heard).toEqual([{ thread: 't1', running: false }])
    expect(s.reads).toEqual([])
    f.running = false
    f.state.value = { ...f.state.value, phase: 'idle' }
    await expect.poll(() => ids(f)).toEqual(['h1', 'a1', 'h2', 'a2'])
  })

  it('a run already idle but whose stream is still closing is re-read once it has closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const s = server([human('h1', 'a'), ai('a1', 'b')])
    const f = frame(threadFromHistory('t1', []))
    f.running = true
    sync(f, s.api)
    otherTab().announce('t1')
    // Settled: the announcement was heard and a look-again scheduled, without reading.
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1))
    expect(s.reads).toEqual([])
    // The stream closes without changing the state (it was already idle).
    f.running = false
    await vi.advanceTimersByTimeAsync(200)
    await expect.poll(() => ids(f)).toEqual(['h1', 'a1'])
  })

  it('drops a re-read that raced with a local change and reads again', async () => {
    const s = server([human('h1', 'a')])
    const f = frame(threadFromHistory('t1', []))
    sync(f, s.api)
    let release!: () => void
    s.holdReads(new Promise<void>((r) => (release = r)))
    otherTab().announce('t1')
    await expect.poll(() => s.reads.length).toBe(1)
    // The user acted meanwhile (a local change): the answer in flight is stale.
    f.state.value = { ...f.state.value, usage: null }
    s.stored.push(ai('a1', 'b'))
    s.holdReads(null)
    release()
    await expect.poll(() => ids(f)).toEqual(['h1', 'a1'])
    expect(s.reads).toHaveLength(2)
  })

  it("follows another frame's streaming answer until it ends, re-rendering only what changed", async () => {
    // The follow interval runs on fake time: each tick is one step here, and "no tick after the
    // end" is checked by moving time well past several intervals.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const s = server([human('h1', 'a'), { ...ai('a1', 'par'), status: 'streaming' }])
    const f = frame(threadFromHistory('t1', []))
    sync(f, s.api)
    const other = otherTab()
    other.announce('t1', true)
    await expect.poll(() => f.state.value.messages[1]?.parts).toEqual([{ type: 'text', text: 'par' }])
    const question = f.state.value.messages[0]
    s.stored[1] = { ...ai('a1', 'partial answer'), status: 'streaming' }
    await vi.advanceTimersByTimeAsync(1000)
    await expect.poll(() => f.state.value.messages[1].parts).toEqual([{ type: 'text', text: 'partial answer' }])
    // The unchanged question is the same object: its view does not re-render.
    expect(f.state.value.messages[0]).toBe(question)
    s.stored[1] = ai('a1', 'partial answer, done')
    other.announce('t1', false)
    await expect.poll(() => f.state.value.messages[1].parts).toEqual([{ type: 'text', text: 'partial answer, done' }])
    const reads = s.reads.length
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.reads.length).toBe(reads)
  })

  it('keeps the older pages the user scrolled back to', async () => {
    const older = Array.from({ length: 100 }, (_, i) => human(`o${i}`, `old ${i}`))
    const newest = Array.from({ length: 100 }, (_, i) => human(`n${i}`, `new ${i}`))
    // Shown: 100 older messages loaded on top of the newest page (offset 100 of 200).
    const f = frame({ ...threadFromHistory('t1', [...older, ...newest]), olderCount: 50 })
    // Stored: one message more, so the newest page starts one later.
    const s = server([...Array.from({ length: 50 }, (_, i) => human(`x${i}`, 'x')), ...older, ...newest, ai('a1', 'new answer')])
    sync(f, s.api)
    otherTab().announce('t1')
    await expect.poll(() => ids(f).at(-1)).toBe('a1')
    expect(ids(f)).toEqual([...older, ...newest].map((m) => m.id).concat('a1'))
    expect(f.state.value.olderCount).toBe(50)
  })

  it('re-reads when the tab becomes visible again', async () => {
    const s = server([human('h1', 'a'), ai('a1', 'b')])
    const f = frame(threadFromHistory('t1', []))
    const doc = sync(f, s.api)
    doc.visibilityState = 'hidden'
    doc.dispatchEvent(new Event('visibilitychange'))
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    await expect.poll(() => ids(f)).toEqual(['h1', 'a1'])
    expect(s.reads).toHaveLength(1)
  })
})
