import { createAiSdkAgent } from '@xpert-ai/chatkit-agent-ai-sdk'
import { simulateReadableStream, stepCountIs, tool } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { partsOf, textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, failureOf, endOf, interruptOf, stepsOf } from '../../server/src/testing/runs.js'

/** The AI SDK's own mock model, scripted: each model call streams the next list of parts. */
type Part = Record<string, unknown>
const scripts: Part[][] = []
const calls: { prompt: any[]; abortSignal?: AbortSignal }[] = []
const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } }
const finish = (unified = 'stop'): Part => ({ type: 'finish', finishReason: { unified, raw: unified }, usage })
const text = (...chunks: string[]): Part[] => [
  { type: 'text-start', id: 't' },
  ...chunks.map((delta) => ({ type: 'text-delta', id: 't', delta })),
  { type: 'text-end', id: 't' },
]
const toolCall = (toolCallId: string, toolName: string, input: unknown): Part => ({ type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) })
let chunkDelayInMs: number | null = null

const model = new MockLanguageModelV3({
  doStream: async (options) => {
    calls.push({ prompt: options.prompt, abortSignal: options.abortSignal })
    const chunks = scripts.shift() ?? [{ type: 'error', error: new Error('no scripted reply') }]
    return { stream: simulateReadableStream({ chunks: [{ type: 'stream-start', warnings: [] }, ...chunks] as never[], chunkDelayInMs }) }
  },
})
const deleted: unknown[] = []
const tools = {
  get_weather: tool({ description: 'Weather', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temp: 21 }) }),
  delete_file: tool({
    description: 'Delete a file',
    inputSchema: z.object({ path: z.string() }),
    needsApproval: true,
    execute: async ({ path }) => (deleted.push(path), { deleted: path }),
  }),
  pick_color: tool({ description: 'Asks the page for a color', inputSchema: z.object({ prompt: z.string() }) }),
}

let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  const agent = createAiSdkAgent({ id: 'ai-sdk', name: 'AI SDK', contextWindow: 8000, streamText: { model, tools, stopWhen: stepCountIs(5) } })
  const future = createAiSdkAgent({
    id: 'ai-sdk-future',
    name: 'AI SDK (future parts)',
    stream: () =>
      ({
        fullStream: (async function* () {
          yield { type: 'text-delta', id: 't', text: 'a' }
          yield { type: 'data-telemetry', value: 1 }
          yield { type: 'data-telemetry', value: 2 }
        })(),
      }) as never,
  })
  s = await startTestServer({ extraAgents: [agent, future] })
  runs = agentRuns(s, 'ai-sdk')
})
afterAll(() => s.close())

describe('AI SDK adapter through the real server and SSE', () => {
  it('streams text and reasoning, gives web sources to the answer (documents as steps), reports usage, and sends the thread back as messages', async () => {
    scripts.push([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Thinking.' },
      { type: 'reasoning-end', id: 'r' },
      ...text('Hello', ' world'),
      { type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com/a', title: 'Example' },
      { type: 'source', sourceType: 'document', id: 's2', mediaType: 'application/pdf', title: 'Spec', filename: 'spec.pdf' },
      finish(),
    ])
    const first = await runs.ask('Hi')
    expect(textOf(first.envs)).toBe('Hello world')
    expect(
      partsOf(first.envs, 'reasoning')
        .map((p) => p.text)
        .join(''),
    ).toBe('Thinking.')
    expect(partsOf(first.envs, 'sources')).toEqual([{ type: 'sources', sources: [{ title: 'Example', url: 'https://example.com/a' }] }])
    expect(stepsOf(first.envs)).toMatchObject([
      { type: 'source', title: 'Spec', status: 'success', output: { title: 'Spec', mediaType: 'application/pdf', filename: 'spec.pdf' } },
    ])
    expect(first.envs).toContainEqual({
      type: 'event',
      event: 'on_chat_event',
      data: { type: 'thread_context_usage', usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, contextWindow: 8000 } },
    })
    expect(endOf(first.envs)).toEqual({ status: 'idle' })
    scripts.push([...text('Again'), finish()])
    await runs.ask('Second', first)
    expect(calls.at(-1)!.prompt.map((m: any) => [m.role, m.content[0]?.text])).toEqual([
      ['user', 'Hi'],
      ['assistant', 'Hello world'],
      ['user', 'Second'],
    ])
  })

  it('runs tool calls over several steps, each a tool step with its input and result', async () => {
    scripts.push([toolCall('c1', 'get_weather', { city: 'Paris' }), finish('tool-calls')], [...text('It is 21 degrees.'), finish()])
    const { envs } = await runs.ask('Weather in Paris?')
    expect(stepsOf(envs)).toMatchObject([{ type: 'get_weather', status: 'success', input: { city: 'Paris' }, output: { city: 'Paris', temp: 21 } }])
    expect(textOf(envs)).toBe('It is 21 degrees.')
    expect(calls.at(-1)!.prompt.at(-1)).toMatchObject({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', output: { type: 'json', value: { city: 'Paris', temp: 21 } } }],
    })
  })

  it('ends the run as an error when the stream fails mid-answer, keeping the partial text', async () => {
    scripts.push([...text('Partial'), { type: 'error', error: new Error('provider overloaded') }])
    const { envs } = await runs.ask('Go')
    expect(textOf(envs)).toBe('Partial')
    expect(failureOf(s, envs)).toMatchObject({
      status: 'error',
      shown: expect.stringMatching(/^the assistant could not answer \(ref /),
      logged: 'provider overloaded',
    })
  })

  it('aborts the model stream on Stop', async () => {
    chunkDelayInMs = 30
    scripts.push([...text(...Array.from({ length: 200 }, (_, i) => `w${i} `)), finish()])
    try {
      const { envs } = await runs.stopWhen('Long answer', (sse) => sse.includes('w3 '))
      expect(endOf(envs).status).toBe('cancelled')
      expect(textOf(envs).length).toBeLessThan(200 * 4)
      expect(calls.at(-1)!.abortSignal?.aborted).toBe(true)
    } finally {
      chunkDelayInMs = null
    }
  })

  it('asks for approval before a needsApproval tool; approve runs it and the answer goes on', async () => {
    scripts.push([...text('Deleting.'), toolCall('d1', 'delete_file', { path: '/tmp/a' }), finish('tool-calls')])
    const first = await runs.ask('Delete /tmp/a')
    expect(endOf(first.envs)).toEqual({ status: 'interrupted' })
    expect(interruptOf(first.envs)).toEqual({ toolCalls: [{ id: 'd1', name: 'delete_file', args: { path: '/tmp/a' } }] })
    expect(stepsOf(first.envs)).toEqual([])
    scripts.push([...text('Done.'), finish()])
    const resumed = await runs.resume(first, { decisions: [{ type: 'edit', editedAction: { name: 'delete_file', args: { path: '/tmp/b' } } }] })
    expect(deleted).toEqual(['/tmp/b'])
    expect(stepsOf(resumed)).toMatchObject([{ type: 'delete_file', status: 'success', input: { path: '/tmp/b' }, output: { deleted: '/tmp/b' } }])
    expect(textOf(resumed)).toBe('Done.')
    expect(endOf(resumed)).toEqual({ status: 'idle' })
  })

  it('a rejected approval does not run the tool; the model hears why', async () => {
    scripts.push([toolCall('d2', 'delete_file', { path: '/etc' }), finish('tool-calls')])
    const first = await runs.ask('Delete /etc')
    scripts.push([...text('Understood.'), finish()])
    const resumed = await runs.resume(first, { decisions: [{ type: 'reject', message: 'never /etc' }] })
    expect(deleted).not.toContain('/etc')
    expect(stepsOf(resumed)).toMatchObject([{ type: 'delete_file', status: 'fail', error: 'denied: the tool did not run' }])
    expect(JSON.stringify(calls.at(-1)!.prompt.at(-1))).toContain('never /etc')
    expect(textOf(resumed)).toBe('Understood.')
  })

  it('a tool without execute is a client tool: the host page answers and the model continues', async () => {
    scripts.push([toolCall('p1', 'pick_color', { prompt: 'Pick one' }), finish('tool-calls')])
    const first = await runs.ask('Choose a color')
    expect(interruptOf(first.envs)).toEqual({ clientToolCalls: [{ id: 'p1', name: 'pick_color', args: { prompt: 'Pick one' } }] })
    scripts.push([...text('Blue it is.'), finish()])
    const resumed = await runs.resume(first, { toolMessages: [{ tool_call_id: 'p1', name: 'pick_color', content: 'blue', status: 'success' }] })
    expect(calls.at(-1)!.prompt.at(-1)).toMatchObject({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'p1', output: { type: 'text', value: 'blue' } }],
    })
    expect(textOf(resumed)).toBe('Blue it is.')
  })

  it('shows a stream part it does not know as a neutral step and logs its type once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const { envs } = await agentRuns(s, 'ai-sdk-future').ask('x')
      expect(textOf(envs)).toBe('a')
      expect(stepsOf(envs)).toMatchObject([
        { type: 'data-telemetry', status: 'success', output: { value: 1 } },
        { type: 'data-telemetry', output: { value: 2 } },
      ])
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('"data-telemetry"'))).toHaveLength(1)
    } finally {
      warn.mockRestore()
    }
  })
})
