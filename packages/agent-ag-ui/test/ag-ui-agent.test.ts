import { createAgUiAgent } from '@xpert-ai/chatkit-agent-ag-ui'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { eventsNamed, textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, failureOf, endOf, interruptOf, stepsOf } from '../../server/src/testing/runs.js'
import { startAgUiServer } from './ag-ui-server.js'

let remote: Awaited<ReturnType<typeof startAgUiServer>>
let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  remote = await startAgUiServer()
  const agent = createAgUiAgent({
    id: 'ag-ui',
    name: 'AG-UI',
    url: remote.url,
    clientTools: [{ name: 'pick_color', description: 'Asks the page for a color' }],
  })
  s = await startTestServer({ extraAgents: [agent] })
  runs = agentRuns(s, 'ag-ui')
})
afterAll(async () => {
  await s.close()
  await remote.close()
})

describe('AG-UI adapter against a local AG-UI server (official @ag-ui packages)', () => {
  it('streams text; a state snapshot is a state step, a custom event a step; usage; sends the thread with our ids', async () => {
    const first = await runs.ask('hi')
    expect(textOf(first.envs)).toBe('Hello from AG-UI')
    expect(stepsOf(first.envs)).toMatchObject([
      { type: 'state', title: 'Agent state', status: 'success', output: { progress: 1 } },
      { type: 'progress', title: 'Event: progress', status: 'success', output: { pct: 100 } },
    ])
    expect(eventsNamed(first.envs, 'on_chat_event')).toEqual([{ type: 'thread_context_usage', usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 } }])
    await runs.ask('again', first)
    const input = remote.inputs.at(-1)!
    expect(input.threadId).toBe(first.threadId)
    expect(input.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello from AG-UI'],
      ['user', 'again'],
    ])
    expect(input.tools).toEqual([{ name: 'pick_color', description: 'Asks the page for a color' }])
  })

  it('shows steps and tool calls with their arguments and results', async () => {
    const { envs } = await runs.ask('weather in Rome')
    expect(stepsOf(envs)).toMatchObject([
      { type: 'step', title: 'lookup', status: 'success' },
      { type: 'get_weather', status: 'success', input: { city: 'Rome' }, output: { temp: 25 } },
      { type: 'state', title: 'Agent state change', output: [{ op: 'replace', path: '/progress', value: 2 }] },
    ])
    expect(textOf(envs)).toBe('Sunny, 25.')
  })

  it('RUN_ERROR ends the run as an error, keeping the partial text', async () => {
    const { envs } = await runs.ask('please fail')
    expect(textOf(envs)).toBe('Partial')
    expect(failureOf(s, envs)).toMatchObject({
      status: 'error',
      shown: expect.stringMatching(/^the assistant could not answer \(ref /),
      logged: 'upstream timeout',
    })
  })

  it('Stop aborts the HTTP run', async () => {
    const before = remote.disconnected()
    const { envs } = await runs.stopWhen('slow please', (sse) => sse.includes('w3 '))
    expect(endOf(envs).status).toBe('cancelled')
    await vi.waitFor(() => expect(remote.disconnected()).toBe(before + 1), { timeout: 10_000 })
  })

  it('an interrupt outcome asks the user; the decision resumes the agent as a resume entry', async () => {
    const first = await runs.ask('approve the email')
    expect(endOf(first.envs)).toEqual({ status: 'interrupted' })
    expect(interruptOf(first.envs)).toEqual({
      actionRequests: [{ name: 'confirm_send', args: { interruptId: 'int-1' }, description: 'Send the email?' }],
      reviewConfigs: [{ actionName: 'confirm_send', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
    })
    const resumed = await runs.resume(first, { decisions: [{ type: 'approve' }] })
    expect(remote.inputs.at(-1)!.resume).toEqual([{ interruptId: 'int-1', status: 'resolved', payload: { type: 'approve' } }])
    expect(textOf(resumed)).toBe('Decision: {"type":"approve"}')
  })

  it("the page's own tools are client tool calls; the result goes back as a tool message", async () => {
    const first = await runs.ask('pick a color')
    expect(interruptOf(first.envs)).toEqual({ clientToolCalls: [{ id: 'p1', name: 'pick_color', args: { prompt: 'Pick' } }] })
    const resumed = await runs.resume(first, { toolMessages: [{ tool_call_id: 'p1', name: 'pick_color', content: 'teal', status: 'success' }] })
    expect(remote.inputs.at(-1)!.messages.slice(-2)).toMatchObject([
      { role: 'assistant', toolCalls: [{ id: 'p1', function: { name: 'pick_color' } }] },
      { role: 'tool', toolCallId: 'p1', content: 'teal' },
    ])
    expect(textOf(resumed)).toBe('You picked teal.')
  })

  it('an event type it has no mapping for is a neutral step, logged once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const { envs } = await runs.ask('future events')
      expect(stepsOf(envs)).toMatchObject([{ type: 'ACTIVITY_SNAPSHOT', status: 'success', output: { activityType: 'PLAN' } }, { type: 'ACTIVITY_SNAPSHOT' }])
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('"ACTIVITY_SNAPSHOT"'))).toHaveLength(1)
      expect(textOf(envs)).toBe('ok')
    } finally {
      warn.mockRestore()
    }
  })
})
