export { createChatKitHandler, type ChatKitHandler } from './handler.js'
export { DEFAULTS, type ChatKitHandlerConfig } from './config.js'
export type { RunSignals, ThreadLocks } from './engine/run-signals.js'
export { toNodeListener, serveNode, closeServer, type FetchHandler, type NodeListenerOptions, type ServeOptions } from './node/serve-node.js'
export { viaTrustedProxy } from './node/to-request.js'
export { gracefulShutdown, type ShutdownTargets } from './shutdown.js'

export { defineAgent, isAgent, type AgentDefinition } from './agent/define-agent.js'
export type {
  Agent,
  AgentAction,
  AgentAppTools,
  AgentContext,
  AgentEvent,
  AgentFile,
  AgentFiles,
  AgentInput,
  AgentResume,
  AgentRun,
  AppTool,
  FollowUps,
  SavedFile,
} from './agent/types.js'
export { AgentFileError } from './agent/agent-files.js'
export { createDemoAgent, type DemoAgentOptions } from './agent/demo/demo-agent.js'
export { unknownEventStep, jsonSafe, errorText } from './agent/adapter-kit.js'
export { toTextChatMessages, type TextChatMessage } from './agent/openai/chat-messages.js'
export { createOpenAIAgent, type OpenAIAgentOptions, type OpenAITool } from './agent/openai/openai-agent.js'
export { TranscriptionError, isTranscriber, type Transcriber, type TranscriptionInput } from './transcribe/types.js'
export { createOpenAITranscriber, type OpenAITranscriberOptions } from './transcribe/openai-transcriber.js'

export type * from './store/types.js'
export { messageFromRow, type MessageRow } from './store/message-row.js'
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js'
export { recoverRun } from './store/recover-run.js'
export { InvalidEventIdError, type RunEvent, type RunEventListener, type RunEventLog } from './events/run-event-log.js'
export { parseEventSeq } from './events/event-id.js'
export { endAsInterrupted } from './events/end-interrupted.js'
export { MemoryRunEventLog, type MemoryRunEventLogOptions } from './events/memory-event-log.js'
export { SqliteRunEventLog, type SqliteRunEventLogOptions } from './events/sqlite-event-log.js'
export { DiskBlobStore, type BlobStore, type BlobWriter } from './files/blob-store.js'
export type { FileSweepResult } from './services/file-cleanup.js'
export { rateLimited, type RateLimitOptions, type RequestLimiter } from './http/rate-limit.js'

export { errorResponse, ServiceUnavailableError } from './http/errors.js'
export { createLogger, type Logger, type LogLevel, type LogFields, type LogFormat, type LoggerOptions } from './observe/logger.js'
export type { ChatKitMetricsSink, RunEndStatus } from './observe/observer.js'
export { SpanNames, Attr as SpanAttributes } from './observe/tracing.js'
export { currentScope as currentLogScope, type Scope as LogScope } from './observe/request-scope.js'
export { systemClock, type Clock } from './util/clock.js'
