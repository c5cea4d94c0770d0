import { describe, expect, it } from 'vitest'
import { reduce } from './reducer.js'
import { runStopped, streamClosed, userMessageSent } from './actions.js'
import { threadFromHistory } from './from-api.js'
import { emptyThread, type ThreadState } from './types.js'

const ev = (event: string, data: unknown) => ({ type: 'event', event, data })
const text = (t: string, id = 'msg_a1') => ({ type: 'message', data: { type: 'text', text: t, id, executionId: 'exec-1' } })

/** What the run stream of a plain answer looks like on the wire (see reference/xpertai-api.md). */
const RECORDED = [
  ev('on_conversation_start', { id: 'conv_1', status: 'busy', runId: 'run_1', userMessage: { id: 'msg_h1', clientMessageId: 'tmp_1' } }),
  ev('on_message_start', { id: 'msg_a1', role: 'ai', executionId: 'exec-1' }),
  { type: 'message', data: { type: 'reasoning', text: 'Looking up ', id: 'msg_a1' } },
  { type: 'message', data: { type: 'reasoning', text: 'Q2.', id: 'msg_a1' } },
  text('Q2 revenue '),
  { type: 'message', data: { id: 'call_1', type: 'component', data: { category: 'Tool', type: 'web_search', title: 'Search', status: 'running' } } },
  { type: 'message', data: { id: 'call_1', type: 'component', data: { status: 'success', output: '3 results' } } },
  text('was **up** '),
  { type: 'message', data: '12%.' },
  ev('on_tool_start', { whatever: true }), // known to the wire, not handled yet: ignored
  ev('on_message_end', { id: 'msg_a1' }),
  ev('on_conversation_end', { status: 'idle' }),
  { type: 'complete' },
]

function run(envelopes: unknown[], from: ThreadState = userMessageSent(emptyThread, 'Summarize Q2', 'tmp_1', undefined, 1000)) {
  return envelopes.reduce<ThreadState>((s, e) => reduce(s, e), from)
}

describe('reduce (SSE envelope → thread state)', () => {
  it('folds a recorded plain answer into the final state', () => {
    const s = run(RECORDED)
    expect(s.threadId).toBe('conv_1')
    expect(s.phase).toBe('idle')
    expect(s.runId).toBeNull()
    expect(s.messages).toEqual([
      { id: 'msg_h1', clientId: 'tmp_1', role: 'user', status: 'done', parts: [{ type: 'text', text: 'Summarize Q2' }], at: 1000 },
      {
        id: 'msg_a1',
        role: 'assistant',
        status: 'done',
        parts: [
          { type: 'reasoning', text: 'Looking up Q2.' },
          { type: 'text', text: 'Q2 revenue ' },
          {
            type: 'component',
            id: 'call_1',
            data: { category: 'Tool', type: 'web_search', title: 'Search', status: 'success', output: '3 results' },
          },
          { type: 'text', text: 'was **up** 12%.' },
        ],
      },
    ])
  })

  it('times a live answer: ended at the end event, took from its start to its end (frame clock)', () => {
    let s = userMessageSent(emptyThread, 'Summarize Q2', 'tmp_1', undefined, 1000)
    for (const [i, e] of RECORDED.entries()) s = reduce(s, e, 2000 + i * 500)
    const last = 2000 + RECORDED.findIndex((e) => (e as { event?: string }).event === 'on_message_end') * 500
    expect(s.messages[1]).toMatchObject({ at: last, startedAt: 2500, durationMs: last - 2500 })
    expect(s.messages[0].at).toBe(1000)
  })

  it('keeps a cancelled answer cancelled when on_message_end carries the status before on_conversation_end', () => {
    const s = run([
      ...RECORDED.slice(0, 5),
      ev('on_message_end', { id: 'msg_a1', status: 'cancelled' }),
      ev('on_conversation_end', { status: 'cancelled' }),
      { type: 'complete' },
    ])
    expect(s.messages[1]).toMatchObject({ id: 'msg_a1', status: 'cancelled' })
    expect(s.phase).toBe('idle')
  })

  it('is streaming mid-way, with the run id known', () => {
    const s = run(RECORDED.slice(0, 5))
    expect(s.phase).toBe('running')
    expect(s.runId).toBe('run_1')
    expect(s.messages[1]).toMatchObject({ status: 'streaming', parts: [{ type: 'reasoning' }, { type: 'text', text: 'Q2 revenue ' }] })
  })

  it('keeps the partial answer, marked cancelled, when the run is cancelled', () => {
    const s = run([...RECORDED.slice(0, 5), ev('on_conversation_end', { status: 'cancelled' }), { type: 'complete' }])
    expect(s.phase).toBe('idle')
    expect(s.messages[1]).toMatchObject({ status: 'cancelled', parts: [{ type: 'reasoning' }, { type: 'text', text: 'Q2 revenue ' }] })
  })

  it('marks the answer failed on on_conversation_end error, with the message', () => {
    const s = run([...RECORDED.slice(0, 5), ev('on_conversation_end', { status: 'error', error: 'model overloaded' })])
    expect(s.messages[1].status).toBe('error')
    expect(s.messages[1].parts.at(-1)).toEqual({ type: 'error', code: 'stream_error', message: 'model overloaded' })
    expect(s.phase).toBe('idle')
  })

  it('a run that fails after a malformed event puts its reason in the same answer, under that error', () => {
    const s = run([
      ...RECORDED.slice(0, 5),
      ev('on_chat_event', { type: 'thread_context_usage', usage: { inputTokens: -1, outputTokens: 0, totalTokens: 0 } }),
      ev('on_message_end', { id: 'msg_a1', status: 'error' }),
      ev('on_conversation_end', { status: 'error', error: 'agent tool_start event: input refers back to itself' }),
      { type: 'complete' },
    ])
    expect(s.messages).toHaveLength(2)
    expect(s.messages[1].status).toBe('error')
    expect(s.messages[1].parts.filter((p) => p.type === 'error').map((p) => (p as { message: string }).message)).toEqual([
      'malformed stream event: usage needs non-negative inputTokens, outputTokens, totalTokens',
      'agent tool_start event: input refers back to itself',
    ])
  })

  it('an error envelope before any answer creates a failed assistant message', () => {
    const s = run([RECORDED[0], { type: 'error', error: { code: 'agent_failed', message: 'boom' } }])
    expect(s.messages).toHaveLength(2)
    expect(s.messages[1]).toMatchObject({ role: 'assistant', status: 'error', parts: [{ type: 'error', code: 'agent_failed', message: 'boom' }] })
    expect(s.phase).toBe('idle')
  })

  it('turns malformed envelopes into error parts and never throws', () => {
    const bad = [
      null,
      42,
      'text',
      [],
      {},
      { type: 'message', data: 7 },
      { type: 'message', data: { type: 'text' } },
      { type: 'message', data: { type: 'component', data: {} } },
      { type: 'event' },
      ev('on_message_start', 'x'),
      ev('on_conversation_start', {}),
    ]
    const s = run([RECORDED[0], RECORDED[1], ...bad, text('still fine')])
    const parts = s.messages[1].parts
    expect(parts.filter((p) => p.type === 'error')).toHaveLength(bad.length)
    expect(parts.every((p) => p.type !== 'error' || p.message.startsWith('malformed stream event: '))).toBe(true)
    expect(parts.at(-1)).toEqual({ type: 'text', text: 'still fine' })
    expect(s.messages[1].status).toBe('streaming')
  })

  it('ignores unknown envelope types, unknown events and unknown content kinds', () => {
    const start = run(RECORDED.slice(0, 2))
    const s = run([{ type: 'telemetry' }, ev('on_future_thing', { a: 1 }), { type: 'message', data: { type: 'memory', data: {} } }], start)
    expect(s).toBe(start)
  })

  it('keeps the identity of untouched messages (cheap re-render)', () => {
    const a = run(RECORDED.slice(0, 5))
    const b = reduce(a, text('more'))
    expect(b.messages[0]).toBe(a.messages[0])
    expect(b.messages[1]).not.toBe(a.messages[1])
  })

  it('a stream that closes before the run ended fails the answer; a stop cancels it', () => {
    const mid = run(RECORDED.slice(0, 5))
    expect(streamClosed(mid).messages[1]).toMatchObject({ status: 'error', parts: expect.arrayContaining([expect.objectContaining({ code: 'stream_error' })]) })
    expect(streamClosed(run(RECORDED))).toEqual(run(RECORDED))
    expect(runStopped(mid).messages[1].status).toBe('cancelled')
  })
})

describe('threadFromHistory', () => {
  it('restores user and assistant messages through the same content rules', () => {
    const s = threadFromHistory('conv_1', [
      { id: 'h1', conversationId: 'conv_1', role: 'human', content: 'hi', status: 'success', createdAt: '', updatedAt: '' },
      {
        id: 'a1',
        conversationId: 'conv_1',
        role: 'ai',
        content: [
          { type: 'text', text: 'Hello ' },
          { type: 'text', text: 'there' },
        ],
        status: 'success',
        createdAt: '',
        updatedAt: '',
      },
      { id: 'a2', conversationId: 'conv_1', role: 'ai', content: 'partial', status: 'cancelled', createdAt: '', updatedAt: '' },
      { id: 'a3', conversationId: 'conv_1', role: 'ai', content: [], status: 'error', error: 'quota', createdAt: '', updatedAt: '' },
    ])
    expect(s.threadId).toBe('conv_1')
    expect(s.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
      ['assistant', 'cancelled'],
      ['assistant', 'error'],
    ])
    expect(s.messages[1].parts).toEqual([{ type: 'text', text: 'Hello there' }])
    expect(s.messages[3].parts).toEqual([{ type: 'error', code: 'stream_error', message: 'quota' }])
  })

  it('restores when each message was last updated, and how long each answer took', () => {
    const s = threadFromHistory('conv_1', [
      {
        id: 'h1',
        conversationId: 'conv_1',
        role: 'human',
        content: 'hi',
        status: 'success',
        createdAt: '2026-03-12T09:00:00Z',
        updatedAt: '2026-03-12T09:00:00Z',
        durationMs: 5,
      },
      {
        id: 'a1',
        conversationId: 'conv_1',
        role: 'ai',
        content: 'yo',
        status: 'success',
        createdAt: '2026-03-12T09:00:00Z',
        updatedAt: '2026-03-12T09:00:04Z',
        durationMs: 4000,
      },
      { id: 'a2', conversationId: 'conv_1', role: 'ai', content: 'old', status: 'success', createdAt: 'bad', updatedAt: 'bad' },
    ])
    expect(s.messages.map((m) => [m.at, m.durationMs])).toEqual([
      [Date.parse('2026-03-12T09:00:00Z'), undefined],
      [Date.parse('2026-03-12T09:00:04Z'), 4000],
      [undefined, undefined],
    ])
  })

  it("restores the user's own ratings of answers, and only valid ones", () => {
    const base = { conversationId: 'c', status: 'success', createdAt: '', updatedAt: '' }
    const s = threadFromHistory('c', [
      { ...base, id: 'h1', role: 'human', content: 'hi', feedback: { rating: 'like' } },
      { ...base, id: 'a1', role: 'ai', content: 'x', feedback: { rating: 'dislike' } },
      { ...base, id: 'a2', role: 'ai', content: 'y', feedback: { rating: '<b>' } },
      { ...base, id: 'a3', role: 'ai', content: 'z', feedback: null },
    ])
    expect(s.messages.map((m) => m.feedback)).toEqual([undefined, 'dislike', undefined, undefined])
  })
})
