export { createChatKitHandler, type ChatKitHandler } from './handler.js'
export { DEFAULTS, type ChatKitHandlerConfig } from './config.js'
export { toNodeListener, serveNode, closeServer, type FetchHandler, type NodeListenerOptions, type ServeOptions } from './node/serve-node.js'
export { gracefulShutdown, type ShutdownTargets } from './shutdown.js'

export { defineAgent, isAgent, type AgentDefinition } from './agent/define-agent.js'
export type { Agent, AgentContext, AgentEvent, AgentInput, AgentRun } from './agent/types.js'
export { createDemoAgent, type DemoAgentOptions } from './agent/demo/demo-agent.js'
export { planDemoAnswer } from './agent/demo/demo-answer.js'

export type * from './store/types.js'
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js'
export { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './events/run-event-log.js'
export { MemoryRunEventLog, type MemoryRunEventLogOptions } from './events/memory-event-log.js'

export { HttpError, errorResponse, jsonResponse } from './http/errors.js'
export { formatSseEvent } from './http/sse.js'
export { CLIENT_SECRET_PREFIX } from './auth/secrets.js'
export { systemClock, type Clock } from './util/clock.js'
