export { createAiSdkAgent, type AiSdkAgentOptions, type AiSdkTurn } from './ai-sdk-agent.js'
export { streamEvents, type PendingCall, type StreamEventsOptions, type StreamOutcome } from './stream-events.js'
export { resumeMessages } from './resume-messages.js'
export { aiSdkToolsFromMcp, type McpToolLike } from './mcp-tools.js'
