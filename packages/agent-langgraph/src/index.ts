export { createLangGraphAgent, type LangGraphAgentOptions, type StreamableGraph } from './langgraph-agent.js'
export { graphEvents, type GraphStreamState } from './graph-events.js'
export { isChatKitInterrupt, resumeValue, toInterruptRequest } from './interrupts.js'
export { langChainToolsFromMcp, type McpToolLike } from './mcp-tools.js'
