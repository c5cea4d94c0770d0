import { describe, expect, it, vi } from 'vitest'
import { json, setup, sseResponse, type Route } from './fixtures/harness.js'
import { fixture } from './fixtures/load.js'
const client = fixture('client')
const clientResume = fixture('client-resume')
const approve = fixture('approve')
const effect = fixture('effect')
const reason = fixture('reason')

/** A server that creates thread t1 and answers each run with the next scripted stream. */
function scripted(...streams: unknown[][]): Route {
  let i = 0
  return (url) => {
    if (url.pathname.endsWith('/threads')) return json(200, { thread_id: 't1' })
    if (url.pathname.endsWith('/feedbacks')) return json(200, { ok: true })
    return sseResponse(streams[i++] ?? [])
  }
}
const clientCall = () => (client as any[]).find((e) => e.event === 'on_interrupt').data.tasks[0].interrupts[0].value.clientToolCalls[0]
const runs = (requests: { path: string; body?: any }[]) => requests.filter((r) => r.path.endsWith('/runs/stream')).map((r) => r.body)

describe('ThreadController flows', () => {
  it('client tool: runs in the host, shows a step, resumes with toolMessages into the same message', async () => {
    const invoke = vi.fn(async () => ({ content: { title: 'Demo' } }))
    const { c, requests } = setup(scripted(client, clientResume), { clientTool: () => invoke })
    await c.send('client')
    await vi.waitFor(() => expect(runs(requests)).toHaveLength(2))
    await vi.waitFor(() => expect(c.state.value.phase).toBe('idle'))
    const callId = clientCall().id
    expect(invoke).toHaveBeenCalledWith({ name: 'get_host_info', params: { fields: ['title'] }, id: callId, tool_call_id: callId })
    expect(runs(requests)[1]).toMatchObject({
      assistant_id: 'xpert_1',
      input: { command: { resume: { toolMessages: [{ tool_call_id: callId, name: 'get_host_info', content: { title: 'Demo' }, status: 'success' }] } } },
      context: { env: { REGION: 'eu' } },
    })
    const ai = c.state.value.messages.filter((m) => m.role === 'assistant')
    expect(ai).toHaveLength(1)
    expect(ai[0].parts.find((p) => p.type === 'component')).toMatchObject({ data: { type: 'get_host_info', status: 'success' } })
    expect(ai[0].parts.find((p) => p.type === 'interrupt')).toMatchObject({ resolved: expect.any(String) })
  })

  it('client tool that throws: an error tool message, shown as a failed step', async () => {
    const { c, requests } = setup(scripted(client, clientResume), { clientTool: () => async () => Promise.reject(new Error('no access')) })
    await c.send('client')
    await vi.waitFor(() => expect(runs(requests)).toHaveLength(2))
    expect(runs(requests)[1].input.command.resume.toolMessages[0]).toMatchObject({ status: 'error', content: 'no access' })
    await vi.waitFor(() => expect(c.state.value.messages[1].parts.find((p) => p.type === 'component')).toMatchObject({ data: { status: 'fail' } }))
  })

  it('HITL: waits for the user; resume sends the decisions and marks the interrupt answered', async () => {
    const { c, requests } = setup(scripted(approve, clientResume))
    await c.send('approve')
    // Settled: the run ended and the interrupt waits in the answer; nothing was sent on its own.
    await vi.waitFor(() => expect([c.state.value.phase, c.state.value.messages[1]?.parts.some((p) => p.type === 'interrupt')]).toEqual(['idle', true]))
    expect(runs(requests)).toHaveLength(1)
    const id = c.state.value.messages[1].id
    const decision = { type: 'edit' as const, editedAction: { name: 'send_email', args: { to: 'b@example.com' } } }
    await c.resume(id, { decisions: [decision] }, 'edited')
    expect(runs(requests)[1].input.command.resume).toEqual({ decisions: [decision] })
    expect(c.state.value.messages[1].parts.find((p) => p.type === 'interrupt')).toMatchObject({ resolved: 'edited' })
  })

  it('retry: re-runs the last question with retry:true, replacing its answer', async () => {
    const { c, requests } = setup(scripted(reason, reason))
    await c.send('why?')
    await c.retry()
    expect(runs(requests)[1]).toMatchObject({ retry: true, input: { input: { input: 'why?' } } })
    expect(c.state.value.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
  })

  it('custom action: a run with input.action and the item id', async () => {
    const { c, requests } = setup(scripted(reason, reason))
    await c.send('widget')
    await c.customAction({ action: { type: 'demo.subscribe', payload: { email: 'a@b.co' } }, itemId: 'widget_1' })
    expect(runs(requests)[1].input.action).toEqual({ action: { type: 'demo.subscribe', payload: { email: 'a@b.co' } }, itemId: 'widget_1' })
  })

  it('feedback: POSTs the rating, then shows it', async () => {
    const { c, requests } = setup(scripted(reason))
    await c.send('q')
    const id = c.state.value.messages[1].id
    await c.feedback(id, 'like')
    expect(requests.at(-1)).toEqual({
      method: 'POST',
      path: `/api/ai/conversations/${c.state.value.threadId}/messages/${id}/feedbacks`,
      body: { rating: 'like' },
    })
    expect(c.state.value.messages[1].feedback).toBe('like')
  })

  it('on_client_effect becomes a host effect event', async () => {
    const { c, events } = setup(scripted(effect))
    await c.send('effect')
    const sent = (effect as any[]).find((e) => e.event === 'on_client_effect').data
    expect(events).toContainEqual(['effect', { name: sent.name, data: sent.args }])
  })

  it('opens on the newest page and prepends older pages', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 ? 'ai' : 'human',
      content: i % 2 ? [{ type: 'text', text: `a${i}` }] : `q${i}`,
      status: 'success',
    }))
    const { c, requests } = setup((url) => {
      const limit = Number(url.searchParams.get('limit'))
      const offset = Number(url.searchParams.get('offset'))
      return json(200, { items: all.slice(offset, offset + limit), total: all.length })
    })
    await c.load('t9')
    expect(requests.map((r) => r.path)).toEqual([
      '/api/ai/conversations/t9/messages?limit=100&offset=0',
      '/api/ai/conversations/t9/messages?limit=100&offset=150',
    ])
    expect(c.state.value.messages[0].id).toBe('m150')
    expect(c.state.value.olderCount).toBe(150)
    await Promise.all([c.loadOlder(), c.loadOlder()])
    expect(c.state.value.messages[0].id).toBe('m50')
    await c.loadOlder()
    expect(requests.at(-1)!.path).toBe('/api/ai/conversations/t9/messages?limit=50&offset=0')
    expect(c.state.value.messages.map((m) => m.id)).toEqual(all.map((m) => m.id))
    expect(c.state.value.olderCount).toBe(0)
  })
})
