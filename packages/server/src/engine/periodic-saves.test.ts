import { afterEach, expect, it, vi } from 'vitest'
import { PeriodicSaves, periodicSavesOf } from './periodic-saves.js'

afterEach(() => {
  vi.useRealTimers()
})

it('runs every streaming answer’s save on one timer, in the same tick, until each is removed; no timer once none is left', () => {
  vi.useFakeTimers()
  const saves = new PeriodicSaves(1000)
  const calls: string[] = []
  const stopA = saves.add(() => calls.push('a'))
  vi.advanceTimersByTime(400)
  const stopB = saves.add(() => calls.push('b'))
  expect(vi.getTimerCount()).toBe(1)
  vi.advanceTimersByTime(600)
  expect(calls).toEqual(['a', 'b'])
  stopA()
  vi.advanceTimersByTime(1000)
  expect(calls).toEqual(['a', 'b', 'b'])
  stopB()
  expect(vi.getTimerCount()).toBe(0)
  saves.add(() => calls.push('c'))
  vi.advanceTimersByTime(1000)
  expect(calls).toEqual(['a', 'b', 'b', 'c'])
})

it('one PeriodicSaves per engine: the same dependencies get the same one, other ones their own interval', () => {
  const deps = { persistIntervalMs: 1000 }
  expect(periodicSavesOf(deps)).toBe(periodicSavesOf(deps))
  expect(periodicSavesOf({ persistIntervalMs: 1000 })).not.toBe(periodicSavesOf(deps))
})
