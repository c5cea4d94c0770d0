// A LangGraph.js agent for ChatKit: a model ↔ tools graph with a checkpointer, and a tool that asks
// the user before it acts (interrupt()). Run it with any OpenAI-compatible endpoint (Ollama below):
//   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 \
//     node apps/server/dist/cli.js --agent packages/agent-langgraph/example/agent.mjs
// then pick the assistant id `langgraph` (options.api.xpertId) in the frame.
import { tool } from '@langchain/core/tools'
import { END, interrupt, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { ToolNode } from '@langchain/langgraph/prebuilt'
import { ChatOpenAI } from '@langchain/openai'
import { createLangGraphAgent } from '@xpert-ai/chatkit-agent-langgraph'
import { z } from 'zod'

const tools = [
  tool(async ({ city }) => JSON.stringify({ city, temperatureC: 21, sky: 'clear' }), {
    name: 'get_weather',
    description: 'The current weather in a city',
    schema: z.object({ city: z.string() }),
  }),
  // interrupt() pauses the graph; ChatKit shows approve / edit / reject / respond, and the decision
  // comes back here as interrupt()'s return value.
  tool(
    async ({ path }) => {
      const decision = interrupt({ description: `Delete ${path}?`, path })
      if (decision.type === 'approve') return `deleted ${path}`
      if (decision.type === 'edit') return `deleted ${decision.editedAction.args.path}`
      return `not deleted (${decision.message ?? 'rejected'})`
    },
    { name: 'delete_file', description: 'Deletes a file (asks the user first)', schema: z.object({ path: z.string() }) },
  ),
]

const model = new ChatOpenAI({
  model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
  apiKey: process.env.OPENAI_API_KEY ?? 'not-needed',
  configuration: { baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' },
}).bindTools(tools)

const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', async (state, config) => ({ messages: [await model.invoke(state.messages, config)] }))
  .addNode('tools', new ToolNode(tools))
  .addEdge(START, 'agent')
  .addConditionalEdges('agent', (state) => (state.messages.at(-1).tool_calls?.length ? 'tools' : END), ['tools', END])
  .addEdge('tools', 'agent')
  // MemorySaver keeps threads in this process; use a persistent checkpointer (e.g. SQLite or Postgres) in production.
  .compile({ checkpointer: new MemorySaver() })

export default createLangGraphAgent({ id: 'langgraph', name: 'LangGraph example', graph })
