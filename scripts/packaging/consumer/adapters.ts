// The agent adapters and MCP tools in a Node consumer (NodeNext, skipLibCheck: false): compiled by
// tsconfig.adapters.json, which has the DOM lib because the frameworks' own declarations (ai,
// @openai/agents) name DOM types; our adapter declarations must compile there.
import { createAiSdkAgent, type AiSdkAgentOptions } from '@xpert-ai/chatkit-agent-ai-sdk'
import { createLangGraphAgent, type LangGraphAgentOptions } from '@xpert-ai/chatkit-agent-langgraph'
import { createAgUiAgent, type AgUiAgentOptions } from '@xpert-ai/chatkit-agent-ag-ui'
import { createOpenAIAgentsAgent, type OpenAIAgentsOptions } from '@xpert-ai/chatkit-agent-openai-agents'
import { connectMcpServers, openAIToolsFromMcp, type McpServerConfig } from '@xpert-ai/chatkit-mcp'

export const factories = [createAiSdkAgent, createLangGraphAgent, createAgUiAgent, createOpenAIAgentsAgent] as const
export type Options = AiSdkAgentOptions | LangGraphAgentOptions | AgUiAgentOptions | OpenAIAgentsOptions
export const mcp = (servers: Record<string, McpServerConfig>) => connectMcpServers(servers).then((box) => openAIToolsFromMcp(box.tools))
