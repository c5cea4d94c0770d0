import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { FakeStreamingChatModel } from '@langchain/core/utils/testing'
import { END, interrupt, MemorySaver, MessagesAnnotation, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph'
import { ToolNode } from '@langchain/langgraph/prebuilt'
import { createLangGraphAgent } from '@xpert-ai/chatkit-agent-langgraph'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { eventsNamed, partsOf, textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, failureOf, endOf, interruptOf, stepsOf as allSteps } from '../../server/src/testing/runs.js'

/** Each model call gets the next scripted reply: LangChain's own fake streaming chat model. */
type Script = { chunks?: AIMessageChunk[]; slow?: string; thenThrow?: string; progress?: number }
const scripts: Script[] = []
const say = (...parts: string[]): Script => ({ chunks: parts.map((content) => new AIMessageChunk({ content })) })
const callTool = (id: string, name: string, args: Record<string, unknown>): Script => ({
  chunks: [new AIMessageChunk({ content: '', tool_calls: [{ id, name, args, type: 'tool_call' }] })],
})
let slowAborted = false

async function modelNode(state: { messages: BaseMessage[] }, config: LangGraphRunnableConfig) {
  const s = scripts.shift() ?? { thenThrow: 'no scripted reply' }
  const model = s.slow ? new FakeStreamingChatModel({ responses: [new AIMessage(s.slow)], sleep: 15 }) : new FakeStreamingChatModel({ chunks: s.chunks ?? [] })
  let reply: AIMessageChunk | null = null
  try {
    if (s.chunks || s.slow) reply = await model.invoke(state.messages, config)
  } finally {
    if (s.slow) slowAborted = !!config.signal?.aborted
  }
  if (s.thenThrow) throw new Error(s.thenThrow)
  config.writer?.({ note: 'a custom write without a type' })
  if (s.progress !== undefined) config.writer?.({ type: 'progress', pct: s.progress })
  return { messages: [reply!] }
}

const deleted: string[] = []
const tools = [
  tool(async ({ city }) => JSON.stringify({ city, temp: 21 }), { name: 'get_weather', description: 'Weather', schema: z.object({ city: z.string() }) }),
  tool(
    async ({ path }) => {
      const d = interrupt({ description: `Delete ${path}?`, path }) as { type: string; editedAction?: { args: { path: string } }; message?: string }
      if (d.type === 'approve' || d.type === 'edit') {
        const p = d.type === 'edit' ? d.editedAction!.args.path : path
        deleted.push(p)
        return `deleted ${p}`
      }
      return `not deleted: ${d.message ?? d.type}`
    },
    { name: 'delete_file', description: 'Delete a file', schema: z.object({ path: z.string() }) },
  ),
  // LangChain's HITL-middleware shape: passed through as is, answered with {decisions}.
  tool(
    async ({ to }) => {
      const answer = interrupt({
        actionRequests: [{ name: 'send_email', args: { to } }],
        reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'reject'] }],
      }) as { decisions: { type: string }[] }
      return `send_email: ${answer.decisions[0].type}`
    },
    { name: 'send_email', description: 'Send an email', schema: z.object({ to: z.string() }) },
  ),
]

const researcher = new StateGraph(MessagesAnnotation).addNode('research', modelNode).addEdge(START, 'research').addEdge('research', END).compile()
const checkpointer = new MemorySaver()
const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', modelNode)
  .addNode('tools', new ToolNode(tools))
  .addNode('researcher', researcher)
  .addConditionalEdges(START, (s) => (String(s.messages.at(-1)?.content).includes('research') ? 'researcher' : 'agent'), ['agent', 'researcher'])
  .addConditionalEdges('agent', (s) => ((s.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END), ['tools', END])
  .addEdge('tools', 'agent')
  .addEdge('researcher', END)
  .compile({ checkpointer })

/** Tool steps, without the neutral steps of the model node's untyped custom writes. */
const stepsOf = (envs: Parameters<typeof allSteps>[0]) => allSteps(envs).filter((x) => x.type !== 'custom')

let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  s = await startTestServer({ extraAgents: [createLangGraphAgent({ id: 'graph', name: 'LangGraph', graph })] })
  runs = agentRuns(s, 'graph')
})
afterAll(() => s.close())

describe('LangGraph adapter through the real server and SSE', () => {
  it('streams the model tokens; the graph keeps the thread under our thread id', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      scripts.push(say('Hello', ' there'))
      const first = await runs.ask('Hi')
      expect(textOf(first.envs)).toBe('Hello there')
      expect(endOf(first.envs)).toEqual({ status: 'idle' })
      // A custom write without a type is an event the adapter cannot name: a neutral step, logged once.
      expect(allSteps(first.envs)).toMatchObject([{ type: 'custom', status: 'success', output: { note: 'a custom write without a type' } }])
      scripts.push(say('Again'))
      const second = await runs.ask('Second', first)
      expect(allSteps(second.envs)).toHaveLength(1)
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('"custom"'))).toHaveLength(1)
      const state = await graph.getState({ configurable: { thread_id: first.threadId } })
      expect(state.values.messages.map((m: BaseMessage) => m.content)).toEqual(['Hi', 'Hello there', 'Second', 'Again'])
    } finally {
      warn.mockRestore()
    }
  })

  it('shows a tool call and its result as a tool step, then the answer', async () => {
    scripts.push(callTool('w1', 'get_weather', { city: 'Oslo' }), say('It is 21.'))
    const { envs } = await runs.ask('Weather in Oslo?')
    expect(stepsOf(envs)).toMatchObject([{ type: 'get_weather', status: 'success', input: { city: 'Oslo' }, output: { city: 'Oslo', temp: 21 } }])
    expect(textOf(envs)).toBe('It is 21.')
  })

  it('ends the run as an error when a node fails mid-answer, keeping the streamed text', async () => {
    scripts.push({ ...say('Partial'), thenThrow: 'tool server down' })
    const { envs } = await runs.ask('Go')
    expect(textOf(envs)).toBe('Partial')
    expect(failureOf(s, envs)).toMatchObject({
      status: 'error',
      shown: expect.stringMatching(/^the assistant could not answer \(ref /),
      logged: 'tool server down',
    })
  })

  it('aborts the graph on Stop', async () => {
    scripts.push({ slow: 'x'.repeat(300) })
    const { envs } = await runs.stopWhen('Long', (sse) => sse.includes('"text":"x"'))
    expect(endOf(envs).status).toBe('cancelled')
    expect(textOf(envs).length).toBeLessThan(300)
    await vi.waitFor(() => expect(slowAborted).toBe(true), { timeout: 10_000 })
  })

  it('interrupt() asks the user; the answer resumes the graph with Command({ resume })', async () => {
    scripts.push(callTool('d1', 'delete_file', { path: '/tmp/a' }))
    const first = await runs.ask('Delete /tmp/a')
    expect(endOf(first.envs)).toEqual({ status: 'interrupted' })
    expect(interruptOf(first.envs)).toEqual({
      actionRequests: [{ name: 'delete_file', args: { description: 'Delete /tmp/a?', path: '/tmp/a' }, description: 'Delete /tmp/a?' }],
      reviewConfigs: [{ actionName: 'delete_file', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
    })
    expect(stepsOf(first.envs)).toMatchObject([{ type: 'delete_file', status: 'running', input: { path: '/tmp/a' } }])
    scripts.push(say('Done.'))
    const resumed = await runs.resume(first, { decisions: [{ type: 'edit', editedAction: { name: 'delete_file', args: { path: '/tmp/b' } } }] })
    expect(deleted).toEqual(['/tmp/b'])
    // The step the interrupt left running is the one that ends (one step, not two).
    expect(stepsOf(resumed)).toMatchObject([{ type: 'delete_file', status: 'success', input: { path: '/tmp/a' }, output: 'deleted /tmp/b' }])
    const stored = (await (await s.call(first.secret, 'GET', `/conversations/${first.threadId}/messages`)).json()).items.at(-1)
    expect(stored.content.filter((p: any) => p.data?.type === 'delete_file')).toHaveLength(1)
    expect(textOf(resumed)).toBe('Done.')
    expect(endOf(resumed)).toEqual({ status: 'idle' })

    scripts.push(callTool('d2', 'delete_file', { path: '/etc' }))
    const again = await runs.ask('Delete /etc', first)
    scripts.push(say('Fine.'))
    const rejected = await runs.resume(again, { decisions: [{ type: 'reject', message: 'never /etc' }] })
    expect(stepsOf(rejected)).toMatchObject([{ type: 'delete_file', output: 'not deleted: never /etc' }])
    expect(deleted).toEqual(['/tmp/b'])
  })

  it('an interrupt already in the HITL-middleware shape passes through; the graph gets {decisions}', async () => {
    scripts.push(callTool('e1', 'send_email', { to: 'a@b.c' }))
    const first = await runs.ask('Email a@b.c')
    expect(interruptOf(first.envs)).toEqual({
      actionRequests: [{ name: 'send_email', args: { to: 'a@b.c' } }],
      reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'reject'] }],
    })
    scripts.push(say('Sent.'))
    const resumed = await runs.resume(first, { decisions: [{ type: 'approve' }] })
    expect(stepsOf(resumed)).toMatchObject([{ type: 'send_email', status: 'success', output: 'send_email: approve' }])
  })

  it('shows a subgraph as an agent whose words are attributed to it', async () => {
    scripts.push({ ...say('Found it.'), progress: 100 })
    const { envs } = await runs.ask('please research this')
    // A typed custom write is a completed step named after its type.
    expect(stepsOf(envs)).toMatchObject([{ type: 'progress', title: 'Event: progress', status: 'success', output: { type: 'progress', pct: 100 } }])
    expect(textOf(envs)).toBe('Found it.')
    expect(partsOf(envs, 'text').every((t) => t.agentKey === 'researcher')).toBe(true)
    expect(eventsNamed(envs, 'on_agent_start')).toEqual([{ agentKey: 'researcher', name: 'researcher' }])
    expect(eventsNamed(envs, 'on_agent_end')).toEqual([{ agentKey: 'researcher' }])
    expect(endOf(envs)).toEqual({ status: 'idle' })
  })
})
