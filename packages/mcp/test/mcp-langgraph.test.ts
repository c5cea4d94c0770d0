import { AIMessageChunk, type AIMessage, type BaseMessage } from '@langchain/core/messages'
import { FakeStreamingChatModel } from '@langchain/core/utils/testing'
import { END, MemorySaver, MessagesAnnotation, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph'
import { ToolNode } from '@langchain/langgraph/prebuilt'
import { createLangGraphAgent, langChainToolsFromMcp } from '@xpert-ai/chatkit-agent-langgraph'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, interruptOf, stepsOf } from '../../server/src/testing/runs.js'
import { startMcpServers } from './mcp-servers.js'

/** LangChain's fake streaming chat model, one scripted reply per call; the MCP servers are real processes. */
const scripts: AIMessageChunk[][] = []
const say = (content: string) => [new AIMessageChunk({ content })]
const call = (id: string, name: string, args: Record<string, unknown>) => [
  new AIMessageChunk({ content: '', tool_calls: [{ id, name, args, type: 'tool_call' }] }),
]
const model = async (state: { messages: BaseMessage[] }, config: LangGraphRunnableConfig) => ({
  messages: [await new FakeStreamingChatModel({ chunks: scripts.shift() ?? say('no script') }).invoke(state.messages, config)],
})

let mcp: Awaited<ReturnType<typeof startMcpServers>>
let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  mcp = await startMcpServers()
  const graph = new StateGraph(MessagesAnnotation)
    .addNode('agent', model)
    .addNode('tools', new ToolNode(langChainToolsFromMcp(mcp.box.tools)))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', (st) => ((st.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END), ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() })
  s = await startTestServer({ extraAgents: [createLangGraphAgent({ id: 'mcp-graph', name: 'MCP graph', graph })] })
  runs = agentRuns(s, 'mcp-graph')
})
afterAll(async () => {
  await s.close()
  await mcp.close()
})

describe('MCP tools in a LangGraph ToolNode', () => {
  it('a call is a tool step whose output is the MCP result (UI resource kept)', async () => {
    scripts.push(call('c1', 'show_chart', { values: [4, 5] }), say('Drawn.'))
    const { envs } = await runs.ask('Chart')
    expect(stepsOf(envs)).toMatchObject([{ type: 'show_chart', status: 'success', output: { text: 'chart of 2 values', ui: { uri: 'ui://charts/bar' } } }])
    expect(textOf(envs)).toBe('Drawn.')
  })

  it('a destructive tool asks for confirmation; rejected it does not run, approved it does', async () => {
    scripts.push(call('d1', 'delete_note', { id: 'n1' }))
    const first = await runs.ask('Delete n1')
    expect(interruptOf(first.envs)).toEqual({ toolCalls: [{ id: 'd1', name: 'delete_note', args: { id: 'n1' } }] })
    scripts.push(say('Kept it.'))
    const rejected = await runs.resume(first, { decisions: [{ type: 'reject', message: 'keep it' }] })
    expect(stepsOf(rejected)).toMatchObject([{ type: 'delete_note', output: { notRun: true } }])
    expect((await mcp.listNotes()).notes.n1).toBe('buy milk')

    scripts.push(call('d2', 'delete_note', { id: 'n1' }))
    const again = await runs.ask('Delete n1 now', first)
    scripts.push(say('Gone.'))
    const approved = await runs.resume(again, { decisions: [{ type: 'approve' }] })
    expect(stepsOf(approved)).toMatchObject([{ type: 'delete_note', status: 'success', output: { text: 'deleted n1' } }])
    expect((await mcp.listNotes()).notes.n1).toBeUndefined()
  })
})
