import { RUN_ID_HEADER, type ApiMessage, type MessageContent, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { defineAgent } from '@xpert-ai/chatkit-server'
import { planDemoAnswer } from '../agent/demo/demo-answer.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseSse, readUntil, type SseEvent } from '../testing/sse.js'

const failing = defineAgent({
  id: 'failing',
  name: 'Failing',
  async *run() {
    yield { type: 'text', text: 'partial ' }
    throw new Error('model unavailable')
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [failing], delayMs: 2 })))
afterAll(() => s.close())

const envelopes = (events: SseEvent[]) => events.filter((e) => !e.comment).map((e) => JSON.parse(e.data) as StreamEnvelope)
const seq = (id: string) => Number(id.split('-')[0])
const textOf = (envs: StreamEnvelope[]) =>
  envs.map((e) => (e.type === 'message' && typeof e.data === 'object' && e.data.type === 'text' ? e.data.text : '')).join('')
const eventNames = (envs: StreamEnvelope[]) => envs.map((e) => (e.type === 'event' ? e.event : e.type === 'message' ? 'message' : e.type))

async function messages(secret: string, threadId: string): Promise<ApiMessage[]> {
  return (await (await s.call(secret, 'GET', `/conversations/${threadId}/messages`)).json()).items
}

describe('POST /threads/{id}/runs/stream', () => {
  it('streams the demo answer as ordered envelopes with increasing ids, then stores it', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const body = { ...s.runBody('What is **ChatKit**?'), clientMessageId: 'tmp_1' }
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(res.headers.get('cache-control')).toMatch(/no-cache/)
    expect(res.headers.get('x-accel-buffering')).toBe('no')
    const runId = res.headers.get(RUN_ID_HEADER)!
    expect(runId).toMatch(/^[0-9a-f-]{36}$/)

    const events = parseSse(await res.text())
    const ids = events.map((e) => seq(e.id!))
    ids.forEach((n, i) => {
      if (i > 0) expect(n).toBeGreaterThan(ids[i - 1])
    })
    const envs = envelopes(events)
    const names = eventNames(envs)
    expect(names.slice(0, 2)).toEqual(['on_conversation_start', 'on_message_start'])
    // The run's last event is on_conversation_end (no `complete` event, as XpertAI's server ends a run).
    expect(names.slice(-3)).toEqual(['message', 'on_message_end', 'on_conversation_end'])
    expect(names.filter((n) => n === 'message').length).toBeGreaterThan(20)
    expect(events.at(-1)?.event).toBeUndefined()
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ type: 'event', event: 'on_conversation_end', data: { id, status: 'idle' } })

    const start = envs[0] as { data: any }
    expect(start.data).toMatchObject({ id, status: 'busy', runId, userMessage: { clientMessageId: 'tmp_1' } })
    const aiId = (envs[1] as { data: { id: string } }).data.id
    expect(envs.at(-1)).toEqual({ type: 'event', event: 'on_conversation_end', data: { id, status: 'idle' } })
    const expected = planDemoAnswer('What is **ChatKit**?').answer
    expect(textOf(envs)).toBe(expected)
    expect(expected).toMatch(/^## You asked: What is \\\*\\\*ChatKit\\\*\\\*\?/)

    const stored = await messages(secret, id)
    expect(stored).toHaveLength(2)
    expect(stored[0]).toMatchObject({ role: 'human', content: 'What is **ChatKit**?', status: 'success', conversationId: id, runId })
    expect(stored[0].id).toBe(start.data.userMessage.id)
    // The demo ends each answer with suggested next questions (a `suggestions` part after the text).
    expect(stored[1]).toMatchObject({
      id: aiId,
      role: 'ai',
      status: 'success',
      content: [
        { type: 'text', text: expected },
        { type: 'suggestions', suggestions: expect.any(Array) },
      ],
    })
    const thread = await (await s.call(secret, 'GET', `/threads/${id}`)).json()
    expect(thread.status).toBe('idle')
  })

  it('adds reasoning and a tool step on the keywords, stored in order', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const envs = envelopes(parseSse(await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('reason with a tool'))).text()))
    const kinds = envs.flatMap((e) => (e.type === 'message' && typeof e.data === 'object' ? [e.data.type] : []))
    expect(kinds[0]).toBe('reasoning')
    expect(kinds.indexOf('component')).toBeGreaterThan(kinds.lastIndexOf('reasoning'))
    expect(kinds.lastIndexOf('component')).toBeLessThan(kinds.indexOf('text'))
    const tools = envs.filter((e) => e.type === 'message' && typeof e.data === 'object' && e.data.type === 'component')
    expect(tools.map((t) => (t as any).data.data.status)).toEqual(['running', 'success'])
    expect((tools[1] as any).data.data.output).toEqual({ words: 4, characters: 18 })
    const ai = (await messages(secret, id))[1]
    expect((ai.content as MessageContent[]).map((p) => p.type)).toEqual(['reasoning', 'component', 'text', 'suggestions'])
  })

  it('refuses a second run on a busy thread with 409', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const first = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('first'))
    const second = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('second'))
    expect(second.status).toBe(409)
    expect((await second.json()).error.code).toBe('run_in_progress')
    await first.text()
    const third = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('third'))
    expect(third.status).toBe(200)
    await third.text()
  })

  it('cancel mid-stream ends the stream as cancelled and keeps the partial answer', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('please stop me'))
    const runId = res.headers.get(RUN_ID_HEADER)!
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    let cancelled = false
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      if (!cancelled && textOf(envelopes(parseSse(text))).length >= 20) {
        cancelled = true
        const c = await s.call(secret, 'POST', `/threads/${id}/runs/${runId}/cancel`)
        expect(c.status).toBe(202)
        expect(await c.json()).toMatchObject({ run_id: runId, status: 'cancelling' })
      }
    }
    const envs = envelopes(parseSse(text))
    expect(envs.at(-1)).toEqual({ type: 'event', event: 'on_conversation_end', data: { id, status: 'cancelled' } })
    const partial = textOf(envs)
    const full = planDemoAnswer('please stop me').answer
    expect(partial.length).toBeGreaterThanOrEqual(20)
    expect(partial.length).toBeLessThan(full.length)
    const ai = (await messages(secret, id))[1]
    expect(ai).toMatchObject({ status: 'cancelled', content: [{ type: 'text', text: partial }] })
    const run = await (await s.call(secret, 'POST', `/threads/${id}/runs/${runId}/cancel`)).json()
    expect(run.status).toBe('cancelled')
  })

  it('ends a failing agent with on_conversation_end error and keeps the partial answer', async () => {
    const secret = await s.session('carol', 'failing')
    const res = await s.call(secret, 'POST', '/threads', {})
    const id = (await res.json()).thread_id
    const envs = envelopes(parseSse(await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, { ...s.runBody('x'), assistant_id: 'failing' })).text()))
    // The agent's own error text stays in the server log; the user sees a reference.
    const shown = expect.stringMatching(/^the assistant could not answer \(ref [0-9a-f]{8}\)/)
    expect(envs.at(-1)).toEqual({ type: 'event', event: 'on_conversation_end', data: { id, status: 'error', error: shown } })
    const ai = (await messages(secret, id))[1]
    expect(ai).toMatchObject({ status: 'error', error: shown, content: [{ type: 'text', text: 'partial ' }] })
    expect((await (await s.call(secret, 'GET', `/threads/${id}`)).json()).status).toBe('error')
  })

  it('keeps running when the client disconnects, and a rejoin with Last-Event-ID gets exactly the rest', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody('resume me'))
    const runId = res.headers.get(RUN_ID_HEADER)!
    const head = parseSse(await readUntil(res, (t) => parseSse(t).filter((e) => e.data && t.endsWith('\n\n')).length >= 12))
    const lastId = head.filter((e) => e.id).at(-1)!.id!
    const rejoin = await s.call(secret, 'GET', `/threads/${id}/runs/${runId}/stream`, undefined, { 'last-event-id': lastId })
    expect(rejoin.status).toBe(200)
    const tail = parseSse(await rejoin.text())
    expect(seq(tail[0].id!)).toBe(seq(lastId) + 1)
    const whole = envelopes([...head, ...tail])
    expect(textOf(whole)).toBe(planDemoAnswer('resume me').answer)
    expect(whole.at(-1)).toMatchObject({ type: 'event', event: 'on_conversation_end', data: { status: 'idle' } })
    // A full replay of the finished run equals head + tail event for event.
    const replay = parseSse(await (await s.call(secret, 'GET', `/threads/${id}/runs/${runId}/stream`)).text())
    expect(replay.map((e) => e.id)).toEqual([...head, ...tail].map((e) => e.id))
    const bad = await s.call(secret, 'GET', `/threads/${id}/runs/${runId}/stream`, undefined, { 'last-event-id': 'nonsense' })
    expect(bad.status).toBe(400)
  })

  it('cancels the run with the connection when on_disconnect is cancel', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, { ...s.runBody('drop me'), on_disconnect: 'cancel' })
    await readUntil(res, (t) => t.split('"type":"text"').length > 3)
    await expect.poll(async () => (await messages(secret, id))[1]?.status).toBe('cancelled')
  })

  it.each([
    [{}, 'input'],
    [{ input: { input: { input: '' } } }, 'input.input.input'],
    [{ input: { input: { input: 'x', files: 'no' } } }, 'input.input.files'],
    [{ input: { input: { input: 'x' } }, on_disconnect: 'later' }, 'on_disconnect'],
    [{ input: { input: { input: 'x' } }, context: [1] }, 'context'],
  ])('rejects the run body %j with 400 naming %s', async (body, field) => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, body)
    expect(res.status).toBe(400)
    expect((await res.json()).error.message.startsWith(`${field}:`)).toBe(true)
  })

  it('reads the text from state.human.input when input.input is absent', async () => {
    const secret = await s.session('alice')
    const id = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${id}/runs/stream`, { input: { state: { human: { input: 'via state' } } } })
    expect(textOf(envelopes(parseSse(await res.text())))).toBe(planDemoAnswer('via state').answer)
  })
})
