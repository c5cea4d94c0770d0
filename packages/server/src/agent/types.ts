import type { ApiMessage } from '@xpert-ai/chatkit-protocol'

/**
 * What an agent yields. The engine turns each into wire envelopes and into the stored answer.
 * Later kinds (widget, client tool call, human-in-the-loop, client effect, progress) extend this
 * union; the engine rejects a kind it does not know with a clear run error.
 */
export type AgentEvent =
  /** A piece of the answer text (markdown). */
  | { type: 'text'; text: string }
  /** A piece of visible chain-of-thought. */
  | { type: 'reasoning'; text: string }
  /** A tool step begins; `id` ties it to its `tool_end`. */
  | { type: 'tool_start'; id: string; name: string; title?: string; input?: unknown }
  /** A tool step ends, with its output or its error. */
  | { type: 'tool_end'; id: string; output?: unknown; error?: string }
  /** The agent gives up: the run ends with status `error` and this message. */
  | { type: 'error'; message: string }

/** The user's new turn. */
export type AgentInput = {
  text: string
  files: unknown[]
  references: unknown[]
}

export type AgentContext = {
  threadId: string
  runId: string
  assistantId: string
  userId: string
  /** Earlier messages of the thread, oldest first, without the new input. */
  history: ApiMessage[]
  input: AgentInput
  /** `state`, `context`, `config` of the run request (the host's `options.request` merged in). */
  state: Record<string, unknown>
  context: Record<string, unknown>
  config: Record<string, unknown>
  /** Aborted when the run is cancelled or the server shuts down; pass it to fetch and timers. */
  signal: AbortSignal
  /** Waits, rejecting as soon as the run is cancelled. */
  sleep(ms: number): Promise<void>
}

export type AgentRun = (ctx: AgentContext) => AsyncIterable<AgentEvent>

/** A registered agent. `id` is the assistant id clients use (`options.api.xpertId`). */
export type Agent = {
  id: string
  name: string
  description?: string
  run: AgentRun
}
