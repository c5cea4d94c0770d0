import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterFirstContent, HOLD_MS, holdForFirstContent } from './answer-first.js'

afterEach(() => void vi.useRealTimers())

describe('loads that wait for an answer’s first content', () => {
  it('start at once when no run waits', async () => {
    const load = vi.fn(async () => 'code')
    const p = afterFirstContent(load)()
    expect(load).toHaveBeenCalledTimes(1)
    expect(await p).toBe('code')
  })

  it('start when the run releases them, not before', async () => {
    const release = holdForFirstContent()
    const load = vi.fn(async () => 'code')
    const p = afterFirstContent(load)()
    // A load made now waits; one the run's release lets go runs after it.
    await Promise.resolve()
    expect(load).not.toHaveBeenCalled()
    release()
    expect(await p).toBe('code')
    expect(load).toHaveBeenCalledTimes(1)
    // Released: the next load is not held.
    const next = vi.fn(async () => 1)
    void afterFirstContent(next)()
    expect(next).toHaveBeenCalledTimes(1)
  })

  it('start after HOLD_MS at the latest (a run that shows nothing for long)', async () => {
    vi.useFakeTimers()
    holdForFirstContent()
    const load = vi.fn(async () => 'code')
    const p = afterFirstContent(load)()
    await vi.advanceTimersByTimeAsync(HOLD_MS - 1)
    expect(load).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(await p).toBe('code')
  })

  it('a release of an older hold does not let go of a newer run’s', async () => {
    const first = holdForFirstContent()
    const second = holdForFirstContent()
    first()
    const load = vi.fn(async () => 0)
    void afterFirstContent(load)()
    await Promise.resolve()
    expect(load).not.toHaveBeenCalled()
    second()
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1))
  })
})
