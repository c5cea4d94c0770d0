// The LangGraph.js adapter for the adapters e2e spec (assistant id `langgraph-e2e`): a real
// compiled graph (model ↔ ToolNode, MemorySaver checkpointer) through createLangGraphAgent, with
// LangChain's fake streaming chat model standing in for the LLM. `weather` calls a tool, `delete`
// a tool that asks with interrupt(), `long` streams slowly, anything else is text.
import { AIMessage, AIMessageChunk } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { FakeStreamingChatModel } from '@langchain/core/utils/testing'
import { END, interrupt, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { ToolNode } from '@langchain/langgraph/prebuilt'
import { createLangGraphAgent } from '@xpert-ai/chatkit-agent-langgraph'
import { z } from 'zod'

const tools = [
  tool(async ({ city }) => JSON.stringify({ city, temperatureC: 19 }), { name: 'get_weather', description: 'Weather', schema: z.object({ city: z.string() }) }),
  tool(
    async ({ path }) => {
      const d = interrupt({ description: `Delete ${path}?`, path })
      if (d.type === 'approve') return `deleted ${path}`
      if (d.type === 'edit') return `deleted ${d.editedAction.args.path}`
      return `not deleted (${d.message ?? d.type})`
    },
    { name: 'delete_file', description: 'Delete a file', schema: z.object({ path: z.string() }) },
  ),
]

const callTool = (name, args) =>
  new FakeStreamingChatModel({ chunks: [new AIMessageChunk({ content: '', tool_calls: [{ id: `call-${Date.now()}`, name, args, type: 'tool_call' }] })] })
const say = (text, sleep = 2) => new FakeStreamingChatModel({ responses: [new AIMessage(text)], sleep })

function modelFor(messages) {
  const last = messages.at(-1)
  if (last.getType() === 'tool') return say(`The tool ${last.name} answered: ${last.content}`)
  const said = String(last.content)
  if (said.includes('weather')) return callTool('get_weather', { city: 'Porto' })
  if (said.includes('delete')) return callTool('delete_file', { path: '/tmp/report.txt' })
  if (said.includes('long')) return say(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '), 25)
  return say('Hello from LangGraph.')
}

const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', async (state, config) => ({ messages: [await modelFor(state.messages).invoke(state.messages, config)] }))
  .addNode('tools', new ToolNode(tools))
  .addEdge(START, 'agent')
  .addConditionalEdges('agent', (state) => (state.messages.at(-1).tool_calls?.length ? 'tools' : END), ['tools', END])
  .addEdge('tools', 'agent')
  .compile({ checkpointer: new MemorySaver() })

export default createLangGraphAgent({ id: 'langgraph-e2e', name: 'LangGraph (e2e)', graph })
