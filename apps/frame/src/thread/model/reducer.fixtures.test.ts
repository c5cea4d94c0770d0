/**
 * The reducer on wire fixtures of every event kind (fixtures/*.json, in the shape the demo agent
 * streams; `scripts/record-fixtures.mjs` re-records them from the built server).
 */
import { describe, expect, it } from 'vitest'
import { reduce } from './reducer.js'
import { userMessageSent } from './actions.js'
import { emptyThread, type ThreadState } from './types.js'
import { fixture } from '../fixtures/load.js'
const reason = fixture('reason')
const search = fixture('search')
const widget = fixture('widget')
const client = fixture('client')
const clientResume = fixture('client-resume')
const approve = fixture('approve')
const confirm = fixture('confirm')
const effect = fixture('effect')
const usage = fixture('usage')
const agents = fixture('agents')
const fail = fixture('fail')
const approveResume = fixture('approve-resume')
const confirmResume = fixture('confirm-resume')
const math = fixture('math')

/** Folds a stream, one clock second per envelope, so durations are checkable. */
function fold(envelopes: unknown[], from: ThreadState = userMessageSent(emptyThread, 'q', 'tmp_1'), t0 = 1000): ThreadState {
  return envelopes.reduce<ThreadState>((s, e, i) => reduce(s, e, t0 + i * 1000), from)
}
const answer = (s: ThreadState) => s.messages.find((m) => m.role === 'assistant')!
const hasErrors = (s: ThreadState) => s.messages.some((m) => m.parts.some((p) => p.type === 'error'))

describe('reduce on recorded streams', () => {
  it('reason: reasoning with its duration, then the answer', () => {
    const s = fold(reason)
    const [r, t] = answer(s).parts
    expect(r).toMatchObject({ type: 'reasoning', text: expect.stringMatching(/\S/) })
    expect(r.type === 'reasoning' && r.endedAt! - r.startedAt!).toBeGreaterThan(0)
    expect(t).toMatchObject({ type: 'text' })
    expect(answer(s).status).toBe('done')
    expect(hasErrors(s)).toBe(false)
  })

  it('search: a tool step merged by id, running → success, with timings and output', () => {
    const s = fold(search)
    const step = answer(s).parts.find((p) => p.type === 'component')!
    expect(step).toMatchObject({ type: 'component', data: { type: 'web_search', status: 'success' } })
    expect(step.type === 'component' && (step.data.output as { results: unknown[] }).results.length).toBeGreaterThan(0)
    expect(step.type === 'component' && step.endedAt! > step.startedAt!).toBe(true)
    expect(answer(s).parts.filter((p) => p.type === 'component')).toHaveLength(1)
  })

  it('widget: a Dashboard component carrying the widget tree', () => {
    const w = answer(fold(widget)).parts.find((p) => p.type === 'component')!
    expect(w).toMatchObject({ data: { category: 'Dashboard', type: 'Widget', widget: { type: 'Card' } } })
  })

  it('client: an interrupt part, then the resumed run continues the same message', () => {
    const paused = fold(client)
    expect(paused.phase).toBe('idle')
    const m = answer(paused)
    const it = m.parts.find((p) => p.type === 'interrupt')!
    expect(it).toMatchObject({ request: { clientToolCalls: [{ name: 'get_host_info', args: { fields: ['title'] } }] } })
    const resumed = fold(clientResume, { ...paused, phase: 'running' })
    expect(resumed.messages.filter((x) => x.role === 'assistant')).toHaveLength(1)
    const after = answer(resumed)
    expect(after.id).toBe(m.id)
    expect(after.status).toBe('done')
    const text = after.parts
      .filter((p) => p.type === 'text')
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('')
    expect(text).toMatch(/title/)
  })

  it('approve: a HITL request with its review configs', () => {
    const it = answer(fold(approve)).parts.find((p) => p.type === 'interrupt')!
    expect(it).toMatchObject({ request: { actionRequests: [{ name: 'send_email' }], reviewConfigs: [{ allowedDecisions: expect.arrayContaining(['edit']) }] } })
  })

  it('approve / confirm resumes continue the same message (the edit, the confirmed tool step)', () => {
    const a = fold(approveResume, { ...fold(approve), phase: 'running' })
    expect(a.messages.filter((m) => m.role === 'assistant')).toHaveLength(1)
    expect(JSON.stringify(answer(a).parts)).toMatch(/edit/)
    const c = fold(confirmResume, { ...fold(confirm), phase: 'running' })
    expect(c.messages.filter((m) => m.role === 'assistant')).toHaveLength(1)
    expect(answer(c).parts.find((p) => p.type === 'component')).toMatchObject({ data: { type: 'delete_file', status: 'success' } })
  })

  it('math: one text part holding the markdown (tables, tasks, math, code)', () => {
    const text = answer(fold(math))
      .parts.filter((p) => p.type === 'text')
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('')
    expect(text).toMatch(/\$/)
    expect(text).toMatch(/```/)
    expect(text).toMatch(/\|/)
  })

  it('confirm: a tool-call confirmation', () => {
    const it = answer(fold(confirm)).parts.find((p) => p.type === 'interrupt')!
    expect(it).toMatchObject({ request: { toolCalls: [{ name: 'delete_file' }] } })
  })

  it('effect: on_client_effect leaves the thread alone (the controller forwards it to the host)', () => {
    const s = fold(effect)
    expect(hasErrors(s)).toBe(false)
    expect(answer(s).parts.map((p) => p.type)).toEqual(['text'])
  })

  it('usage: thread_context_usage becomes the meter value', () => {
    expect(fold(usage).usage).toMatchObject({ totalTokens: expect.any(Number), inputTokens: expect.any(Number) })
  })

  it('agents: agent names by key and text parts attributed per agent', () => {
    const s = fold(agents)
    expect(Object.keys(s.agents).length).toBeGreaterThanOrEqual(2)
    const keys = answer(s)
      .parts.filter((p) => p.type === 'text')
      .map((p) => (p.type === 'text' ? p.agentKey : ''))
    expect(new Set(keys).size).toBeGreaterThanOrEqual(2)
  })

  it('fail: partial text kept, the message failed with the reason', () => {
    const m = answer(fold(fail))
    expect(m.status).toBe('error')
    expect(m.parts[0]).toMatchObject({ type: 'text' })
    expect(m.parts.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/\S/) })
  })

  it('malformed interrupts and usage become visible errors, never throw', () => {
    const base = fold(reason.slice(0, 2))
    for (const bad of [
      { tasks: 1 },
      { tasks: [{ interrupts: [{ id: 'x', value: { nope: 1 } }] }] },
      { tasks: [{ interrupts: [{ id: 'x', value: { toolCalls: [{ name: 1 }] } }] }] },
    ]) {
      const s = reduce(base, { type: 'event', event: 'on_interrupt', data: bad })
      expect(answer(s).parts.at(-1)).toMatchObject({ type: 'error' })
    }
    const s = reduce(base, { type: 'event', event: 'on_chat_event', data: { type: 'thread_context_usage', usage: { totalTokens: -1 } } })
    expect(answer(s).parts.at(-1)).toMatchObject({ type: 'error' })
    expect(s.usage).toBeNull()
  })
})
