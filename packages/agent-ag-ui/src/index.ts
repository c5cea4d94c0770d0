export { createAgUiAgent, type AgUiAgentOptions } from './ag-ui-agent.js'
export { agUiEvents, newRunState, type AgUiRunState } from './ag-ui-events.js'
export { runInput, type AgUiTool } from './run-input.js'
