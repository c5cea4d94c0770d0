import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents'
import { agentsEvents, createOpenAIAgentsAgent } from '@xpert-ai/chatkit-agent-openai-agents'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { eventsNamed, partsOf, textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, failureOf, endOf, interruptOf, stepsOf } from '../../server/src/testing/runs.js'
import { startFakeChatCompletions, type Reply } from './fake-chat-completions.js'

setTracingDisabled(true)

function reply(messages: { role: string; content?: unknown; tool_calls?: { function: { name: string } }[] }[]): Reply {
  const last = messages.at(-1)!
  if (last.role === 'tool') {
    const called = messages
      .filter((m) => m.tool_calls)
      .at(-1)!
      .tool_calls!.at(-1)!.function.name
    if (called === 'transfer_to_Billing') return { text: ['Billing ', 'here.'] }
    return { text: [`${called} said `, String(last.content)] }
  }
  const said = String(last.content)
  if (said.includes('weather')) return { toolCall: { id: 'w1', name: 'get_weather', args: { city: 'Oslo' } } }
  if (said.includes('delete')) return { toolCall: { id: `d${Date.now()}`, name: 'delete_file', args: { path: '/tmp/x' } } }
  if (said.includes('billing')) return { toolCall: { id: 'h1', name: 'transfer_to_Billing', args: {} } }
  if (said.includes('fail')) return { text: ['Partial'], failAfter: 'the model is overloaded' }
  if (said.includes('slow')) return { slow: true }
  return { text: ['Hello', ' there'] }
}

const deleted: string[] = []
let fake: Awaited<ReturnType<typeof startFakeChatCompletions>>
let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  fake = await startFakeChatCompletions(reply)
  const runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: 'sk-test', baseURL: fake.baseURL, useResponses: false }), model: 'fake-model' })
  const billing = new Agent({ name: 'Billing', instructions: 'Answer billing questions.' })
  const triage = new Agent({
    name: 'Triage',
    instructions: 'Help.',
    handoffs: [billing],
    tools: [
      tool({
        name: 'get_weather',
        description: 'Weather',
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => JSON.stringify({ city, temp: 20 }),
      }),
      tool({
        name: 'delete_file',
        description: 'Delete',
        parameters: z.object({ path: z.string() }),
        needsApproval: true,
        execute: async ({ path }) => (deleted.push(path), `deleted ${path}`),
      }),
    ],
    inputGuardrails: [
      {
        name: 'no_passwords',
        execute: async ({ input }) => ({ outputInfo: 'asks for a password', tripwireTriggered: JSON.stringify(input).includes('password') }),
      },
    ],
  })
  s = await startTestServer({ extraAgents: [createOpenAIAgentsAgent({ id: 'agents-sdk', agent: triage, runner, contextWindow: 32000 })] })
  runs = agentRuns(s, 'agents-sdk')
})
afterAll(async () => {
  await s.close()
  await fake.close()
})

describe('OpenAI Agents SDK adapter against a fake chat-completions server', () => {
  it('streams text, reports usage and sends the thread as input items', async () => {
    const first = await runs.ask('hi')
    expect(textOf(first.envs)).toBe('Hello there')
    expect(eventsNamed(first.envs, 'on_chat_event')).toEqual([
      { type: 'thread_context_usage', usage: { inputTokens: 9, outputTokens: 4, totalTokens: 13, contextWindow: 32000 } },
    ])
    expect(endOf(first.envs)).toEqual({ status: 'idle' })
    await runs.ask('again', first)
    const text = (c: unknown) => (typeof c === 'string' ? c : (c as { text: string }[]).map((p) => p.text).join(''))
    expect(
      fake.requests
        .at(-1)!
        .messages.filter((m) => m.role !== 'system')
        .map((m) => [m.role, text(m.content)]),
    ).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello there'],
      ['user', 'again'],
    ])
  })

  it('shows a tool call and its output as a tool step, then the answer', async () => {
    const { envs } = await runs.ask('weather?')
    expect(stepsOf(envs)).toMatchObject([{ type: 'get_weather', status: 'success', input: { city: 'Oslo' }, output: { city: 'Oslo', temp: 20 } }])
    expect(textOf(envs)).toBe('get_weather said {"city":"Oslo","temp":20}')
  })

  it('a model error mid-stream ends the run as an error, keeping the partial text', async () => {
    const { envs } = await runs.ask('please fail')
    expect(textOf(envs)).toBe('Partial')
    expect(endOf(envs).status).toBe('error')
    expect(failureOf(s, envs)).toMatchObject({
      status: 'error',
      shown: expect.stringMatching(/^the assistant could not answer \(ref /),
      logged: expect.stringMatching(/overloaded/),
    })
  })

  it('Stop aborts the model request', async () => {
    const before = fake.closedEarly()
    const { envs } = await runs.stopWhen('slow please', (sse) => sse.includes('w3 '))
    expect(endOf(envs).status).toBe('cancelled')
    await vi.waitFor(() => expect(fake.closedEarly()).toBe(before + 1), { timeout: 10_000 })
  })

  it('a tool that needs approval pauses for a confirmation; approve runs it on the saved run state', async () => {
    const first = await runs.ask('delete /tmp/x')
    expect(endOf(first.envs)).toEqual({ status: 'interrupted' })
    expect(interruptOf(first.envs)).toMatchObject({ toolCalls: [{ name: 'delete_file', args: { path: '/tmp/x' } }] })
    expect(deleted).toEqual([])
    const resumed = await runs.resume(first, { decisions: [{ type: 'approve' }] })
    expect(deleted).toEqual(['/tmp/x'])
    expect(stepsOf(resumed)).toMatchObject([{ type: 'delete_file', status: 'success', output: 'deleted /tmp/x' }])
    expect(textOf(resumed)).toBe('delete_file said deleted /tmp/x')

    const again = await runs.ask('delete it again', first)
    const rejected = await runs.resume(again, { decisions: [{ type: 'reject', message: 'no' }] })
    expect(deleted).toEqual(['/tmp/x'])
    expect(endOf(rejected)).toEqual({ status: 'idle' })
  })

  it('a handoff gives the floor to the other agent', async () => {
    const { envs } = await runs.ask('a billing question')
    expect(eventsNamed(envs, 'on_agent_start')).toEqual([{ agentKey: 'Billing', name: 'Billing' }])
    expect(stepsOf(envs)).toMatchObject([{ type: 'handoff', title: 'Handoff to Billing', output: { from: 'Triage', to: 'Billing' } }])
    expect(partsOf(envs, 'text').every((t) => t.agentKey === 'Billing')).toBe(true)
    expect(textOf(envs)).toBe('Billing here.')
  })

  it('a guardrail trip ends the run with a clear error', async () => {
    const { envs } = await runs.ask('tell me the admin password')
    expect(failureOf(s, envs)).toMatchObject({
      status: 'error',
      shown: expect.stringMatching(/^the assistant could not answer \(ref /),
      logged: 'input guardrail "no_passwords" tripped: asks for a password',
    })
  })
})

describe('agentsEvents', () => {
  it('shows an item or event type it has no mapping for as a neutral step, logged once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const st = { root: 'Triage', speaker: null, n: 0 }
      const item = { type: 'run_item_stream_event', name: 'tool_search_called', item: { rawItem: { query: 'files' } } }
      const out = [...agentsEvents(item, st, 'r1'), ...agentsEvents(item, st, 'r1'), ...agentsEvents({ type: 'future_stream_event' }, st, 'r1')]
      expect(out).toMatchObject([
        { type: 'tool_start', name: 'item:tool_search_called' },
        { type: 'tool_end', output: { query: 'files' } },
        { type: 'tool_start', name: 'item:tool_search_called' },
        { type: 'tool_end' },
        { type: 'tool_start', name: 'future_stream_event' },
        { type: 'tool_end', output: { type: 'future_stream_event' } },
      ])
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('OpenAI Agents SDK'))).toHaveLength(2)
    } finally {
      warn.mockRestore()
    }
  })
})
