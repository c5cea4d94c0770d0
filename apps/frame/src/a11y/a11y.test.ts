import { describe, expect, it } from 'vitest'
import type { ThreadState } from '../thread/model/types.js'
import { finishedAnswer } from './announce.js'

const state = (phase: ThreadState['phase'], text: string, status: 'streaming' | 'done' | 'error' = 'done') =>
  ({
    threadId: 't',
    phase,
    messages: [
      { id: 'u', role: 'user', status: 'done', parts: [{ type: 'text', text: 'q' }] },
      { id: 'a', role: 'assistant', status, parts: [{ type: 'text', text }] },
    ],
  }) as unknown as ThreadState

describe('finished answer announcement', () => {
  it('announces once, when a run ends with a done answer, trimmed to 150 chars without markdown', () => {
    expect(finishedAnswer(state('running', 'Hel', 'streaming'), state('running', 'Hello', 'streaming'))).toBeNull()
    expect(finishedAnswer(state('running', 'x', 'streaming'), state('idle', '**Hello** world'))).toBe('Hello world')
    expect(finishedAnswer(state('idle', 'a'), state('idle', 'a'))).toBeNull()
    const long = finishedAnswer(state('running', '', 'streaming'), state('idle', 'word '.repeat(60)))!
    expect(long.length).toBeLessThanOrEqual(151)
    expect(long.endsWith('…')).toBe(true)
    expect(finishedAnswer(state('running', '', 'streaming'), state('idle', 'oops', 'error'))).toBeNull()
  })
})
