/**
 * The first message of a conversation in one round trip (issue 18): the run request names a new
 * UUID with `if_not_exists: 'create'`; a server that refuses it (XpertAI) gets `POST /threads`
 * first, and is remembered, so later conversations do not try again.
 */
import { describe, expect, it } from 'vitest'
import { json, setup, sseResponse } from './fixtures/harness.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const end = (id: string) => [
  { type: 'event', event: 'on_conversation_start', data: { id, status: 'busy' } },
  { type: 'message', data: { type: 'text', text: 'Hi', id: 'a1' } },
  // No `complete`: the stream closes after on_conversation_end, as XpertAI's server ends a run.
  { type: 'event', event: 'on_conversation_end', data: { id, status: 'idle' } },
]

function memory() {
  let ok = true
  return { supported: () => ok, unsupported: () => void (ok = false) }
}

describe('first send', () => {
  it('creates the thread with the run: one request, a client-named UUID, thread.change once the run opened', async () => {
    const { c, requests, events } = setup((url) => sseResponse(end(url.pathname.split('/')[4])), { threadOnRun: memory() })
    await c.send('hello')
    expect(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<id>')}`)).toEqual(['POST /api/ai/threads/<id>/runs/stream'])
    expect(requests[0].body).toMatchObject({ if_not_exists: 'create', input: { input: { input: 'hello' } } })
    const id = c.state.value.threadId!
    expect(id).toMatch(UUID)
    expect(requests[0].path).toBe(`/api/ai/threads/${id}/runs/stream`)
    expect(events.map((e) => e[0])).toEqual(['response.start', 'thread.change', 'response.end'])
    expect(events[1][1]).toEqual({ threadId: id })
    expect(c.state.value.messages.map((m) => [m.role, m.status])).toEqual([['user', 'done'], ['assistant', 'done']])
    // The next message continues the thread without asking to create it.
    await c.send('again')
    expect(requests[1].path).toBe(`/api/ai/threads/${id}/runs/stream`)
    expect(requests[1].body.if_not_exists).toBeUndefined()
  })

  it('a server that answers 404 gets POST /threads and the run; the next new conversation creates first', async () => {
    const m = memory()
    const { c, requests, events, errors } = setup((url, init) => {
      if (url.pathname.endsWith('/threads')) return json(200, { thread_id: `t${requests.length}` })
      if (JSON.parse(String(init.body)).if_not_exists) return json(404, { error: { code: 'not_found', message: 'conversation not found' } })
      return sseResponse(end(url.pathname.split('/')[4]))
    }, { threadOnRun: m })
    await c.send('hello')
    expect(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<id>')}`)).toEqual([
      'POST /api/ai/threads/<id>/runs/stream',
      'POST /api/ai/threads',
      'POST /api/ai/threads/t2/runs/stream',
    ])
    expect(errors).toEqual([])
    expect(c.state.value.threadId).toBe('t2')
    expect(events.filter((e) => e[0] === 'thread.change')).toEqual([['thread.change', { threadId: 't2' }]])
    expect(m.supported()).toBe(false)
    await c.send('a new one', { newThread: true })
    expect(requests.slice(3).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/ai/threads', 'POST /api/ai/threads/t4/runs/stream'])
  })
})
