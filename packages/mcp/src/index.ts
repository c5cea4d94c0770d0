export { mcpAppTools } from './app-tools.js'
export { connectMcpServers, type ConnectMcpOptions } from './connect.js'
export { openAIToolsFromMcp } from './openai-tools.js'
export type { McpServerConfig, McpTool, McpToolbox, McpToolOutput } from './types.js'
