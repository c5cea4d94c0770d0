import { describe, expect, it } from 'vitest'
import { messageFromApi } from './model/from-api.js'
import { reduce } from './model/reducer.js'
import { emptyThread, INTERRUPTED, type ThreadState } from './model/types.js'

const streaming: ThreadState = {
  ...emptyThread,
  threadId: 't1',
  phase: 'running',
  currentMessageId: 'a1',
  messages: [
    { id: 'h1', role: 'user', status: 'done', parts: [{ type: 'text', text: 'q' }] },
    { id: 'a1', role: 'assistant', status: 'streaming', parts: [{ type: 'text', text: 'partial' }] },
  ],
}
const end = (data: object) => ({ type: 'event', event: 'on_conversation_end', data })

describe('answers the server cut off by stopping', () => {
  it('a shutdown (cancelled with a reason) marks the answer interrupted and failed, so it can be retried', () => {
    const s = reduce(
      reduce(streaming, { type: 'event', event: 'on_message_end', data: { id: 'a1', status: 'cancelled' } }),
      end({ status: 'cancelled', error: 'server shutting down' }),
    )
    expect(s.phase).toBe('idle')
    expect(s.messages[1]).toEqual({
      id: 'a1',
      role: 'assistant',
      status: 'error',
      parts: [
        { type: 'text', text: 'partial' },
        { type: 'error', code: INTERRUPTED, message: 'server shutting down' },
      ],
    })
  })

  it('a crash (interrupted with a reason, replayed after the restart) does the same', () => {
    const s = reduce(streaming, end({ status: 'interrupted', error: 'server stopped during the run' }))
    expect(s.messages[1].status).toBe('error')
    expect(s.messages[1].parts.at(-1)).toEqual({ type: 'error', code: INTERRUPTED, message: 'server stopped during the run' })
  })

  it('a user stop (cancelled, no reason) and a human-in-the-loop pause (interrupted, no reason) stay what they are', () => {
    expect(reduce(streaming, end({ status: 'cancelled' })).messages[1].status).toBe('cancelled')
    expect(reduce(streaming, end({ status: 'interrupted' })).messages[1].status).toBe('done')
  })

  it('stored: interrupted or cancelled WITH a reason loads as a cut-off answer; without one, as before', () => {
    const stored = (status: string, error?: string) =>
      messageFromApi({ id: 'a1', role: 'ai', content: [{ type: 'text', text: 'partial' }], status, ...(error ? { error } : {}) }, 1)
    expect(stored('interrupted', 'server stopped during the run')).toMatchObject({
      status: 'error',
      parts: [{ type: 'text' }, { type: 'error', code: INTERRUPTED }],
    })
    expect(stored('cancelled', 'server shutting down')).toMatchObject({ status: 'error', parts: [{ type: 'text' }, { type: 'error', code: INTERRUPTED }] })
    expect(stored('cancelled').status).toBe('cancelled')
    expect(stored('interrupted').status).toBe('done')
  })
})
