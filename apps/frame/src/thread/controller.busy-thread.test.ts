import { describe, expect, it } from 'vitest'
import { json, setup, sseResponse } from './fixtures/harness.js'

describe('ThreadController on a busy thread (a run started in another tab)', () => {
  it('asks the server to queue the message and follows the queued run to its answer', async () => {
    const { c, requests, errors } = setup((url, init) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
      if (url.pathname.endsWith('/runs/stream') && init.method === 'POST') {
        return json(202, { run_id: 'q1', thread_id: 't1', status: 'pending', follow_up: 'queued', user_message_id: 'h2' })
      }
      const clientId = requests[1].body.input.input.clientMessageId
      return sseResponse(
        [
          {
            type: 'event',
            event: 'on_chat_event',
            data: { type: 'follow_up_queued', runId: 'q1', position: 1, userMessage: { id: 'h2', clientMessageId: clientId } },
          },
          {
            type: 'event',
            event: 'on_conversation_start',
            data: { id: 't1', status: 'busy', runId: 'q1', userMessage: { id: 'h2', clientMessageId: clientId } },
          },
          { type: 'event', event: 'on_message_start', data: { id: 'a2', role: 'ai' } },
          { type: 'message', data: { type: 'text', text: 'queued answer', id: 'a2' } },
          { type: 'event', event: 'on_message_end', data: { id: 'a2' } },
          { type: 'event', event: 'on_conversation_end', data: { status: 'idle' } },
          { type: 'complete' },
        ],
        'q1',
      )
    })
    await c.send('me too')
    expect(requests[1].body.followUpMode).toBe('queue')
    expect(requests.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/ai/threads/t1/runs/stream', 'GET /api/ai/threads/t1/runs/q1/stream'])
    expect(errors).toEqual([])
    const s = c.state.value
    expect(s.phase).toBe('idle')
    expect(s.messages.map((m) => [m.id, m.role, m.status])).toEqual([
      ['h2', 'user', 'done'],
      ['a2', 'assistant', 'done'],
    ])
    expect(s.messages[1].parts).toEqual([{ type: 'text', text: 'queued answer' }])
  })

  it('a 202 without a run id is a clear stream error, not a hang', async () => {
    const { c, errors } = setup((url) => (url.pathname.endsWith('/threads') ? json(200, { thread_id: 't1' }) : json(202, { status: 'pending' })))
    await c.send('me too')
    expect(String((errors[0] as Error).message)).toContain('queued the message without naming its run')
    expect(c.state.value.phase).toBe('idle')
  })
})
