import { describe, expect, it } from 'vitest'
import type { RunStream } from '../api/index.js'
import { startEarly } from './start-early.js'

const stream: RunStream = { runId: 'r1', keepAliveMs: null, body: new ReadableStream() }

describe('startEarly: the run request goes out before the follower is there', () => {
  it('sends at once, once; the follower gets that same request', async () => {
    const signals: AbortSignal[] = []
    const early = startEarly(async (s) => (signals.push(s), stream), new AbortController().signal)
    expect(signals).toHaveLength(1)
    await expect(early.start(new AbortController().signal)).resolves.toBe(stream)
    expect(signals).toHaveLength(1)
    expect(signals[0].aborted).toBe(false)
  })

  it('is cut by a stop (the run aborts), by the follower cutting its attempt (a stall), or when the follower never comes', () => {
    const signals: AbortSignal[] = []
    const open = async (s: AbortSignal) => (signals.push(s), stream)
    const run = new AbortController()
    startEarly(open, run.signal)
    run.abort()
    const attempt = new AbortController()
    startEarly(open, new AbortController().signal).start(attempt.signal)
    attempt.abort()
    startEarly(open, new AbortController().signal).cancel()
    expect(signals.map((s) => s.aborted)).toEqual([true, true, true])
  })

  it('a failed request rejects where the follower awaits it, not as an unhandled rejection', async () => {
    const early = startEarly(() => Promise.reject(new TypeError('Failed to fetch')), new AbortController().signal)
    await new Promise((r) => setTimeout(r, 0))
    await expect(early.start(new AbortController().signal)).rejects.toThrow('Failed to fetch')
  })
})
