// The built-in openai agent with the tools of your MCP servers. MCP_SERVERS is a JSON object of
// servers: {"name": {"command": "…", "args": […]}} (stdio) or {"name": {"url": "https://…/mcp"}}.
//   MCP_SERVERS='{"files":{"command":"npx","args":["-y","@modelcontextprotocol/server-filesystem","/tmp"]}}' \
//   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 \
//     node apps/server/dist/cli.js --agent packages/mcp/example/agent.mjs
// then pick the assistant id `mcp`. The AI SDK and LangGraph adapters take the same tools
// (aiSdkToolsFromMcp, langChainToolsFromMcp) and ask before destructive ones.
import { connectMcpServers, openAIToolsFromMcp } from '@xpert-ai/chatkit-mcp'
import { createOpenAIAgent } from '@xpert-ai/chatkit-server'

if (!process.env.MCP_SERVERS) throw new Error('set MCP_SERVERS to a JSON object of MCP servers (see the top of this file)')
const mcp = await connectMcpServers(JSON.parse(process.env.MCP_SERVERS))
process.once('exit', () => void mcp.close())

export default createOpenAIAgent({
  id: 'mcp',
  name: `OpenAI-compatible + MCP (${mcp.tools.map((t) => t.name).join(', ')})`,
  baseUrl: process.env.OPENAI_BASE_URL,
  apiKey: process.env.OPENAI_API_KEY,
  model: process.env.OPENAI_MODEL,
  tools: openAIToolsFromMcp(mcp.tools),
})
