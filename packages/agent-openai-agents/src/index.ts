export { createOpenAIAgentsAgent, type OpenAIAgentsOptions, type RunStateStore } from './openai-agents-agent.js'
export { agentsEvents, runErrorText, type AgentsRunState } from './stream-events.js'
