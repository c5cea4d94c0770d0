// Any remote agent that speaks AG-UI over HTTP (LangGraph Platform, CrewAI, Mastra, Pydantic AI,
// ADK, …) as a ChatKit agent:
//   AG_UI_URL=http://127.0.0.1:8000/agent node apps/server/dist/cli.js --agent packages/agent-ag-ui/example/agent.mjs
// then pick the assistant id `ag-ui`. AG_UI_TOKEN, when set, is sent as a bearer token.
import { createAgUiAgent } from '@xpert-ai/chatkit-agent-ag-ui'

if (!process.env.AG_UI_URL) throw new Error('set AG_UI_URL to the AG-UI endpoint of your agent')

export default createAgUiAgent({
  id: 'ag-ui',
  name: 'AG-UI agent',
  url: process.env.AG_UI_URL,
  headers: process.env.AG_UI_TOKEN ? { authorization: `Bearer ${process.env.AG_UI_TOKEN}` } : {},
  // Offered to the agent as frontend tools; the host page runs them (chatkit options.onClientTool).
  clientTools: [{ name: 'get_selection', description: 'The text the user has selected on the page', parameters: { type: 'object', properties: {} } }],
})
