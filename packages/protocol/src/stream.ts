/**
 * The run event stream (`POST /threads/{id}/runs/stream`, `GET …/runs/{runId}/stream`): each SSE
 * `data:` is one `StreamEnvelope`. `{type:"event"}` envelopes name a `ChatEvent` and carry the
 * data `EventDataMap` gives for it, so a `switch` on `event` narrows `data`.
 */
import type { ApiErrorCode } from './api-errors.js'
import type { ClientEffectData, ContextUsage, InterruptData } from './interrupts.js'
import type { MessageContent, ThreadStatus } from './wire.js'

/** Event names carried by `{type:"event"}` envelopes. */
export const ChatEvent = {
  ConversationStart: 'on_conversation_start',
  ConversationEnd: 'on_conversation_end',
  MessageStart: 'on_message_start',
  MessageEnd: 'on_message_end',
  AgentStart: 'on_agent_start',
  AgentEnd: 'on_agent_end',
  ToolStart: 'on_tool_start',
  ToolEnd: 'on_tool_end',
  ToolError: 'on_tool_error',
  ToolMessage: 'on_tool_message',
  RetrieverStart: 'on_retriever_start',
  RetrieverEnd: 'on_retriever_end',
  RetrieverError: 'on_retriever_error',
  Interrupt: 'on_interrupt',
  ClientEffect: 'on_client_effect',
  ChatEvent: 'on_chat_event',
  Error: 'on_error',
} as const
export type ChatEventName = (typeof ChatEvent)[keyof typeof ChatEvent]

/** The `type` of the `on_chat_event` payloads this server sends. */
export const ChatEventTypes = {
  /** Token usage of the run so far (the frame's context meter). */
  ThreadContextUsage: 'thread_context_usage',
  /** A message sent while a run was busy became a queued run. */
  FollowUpQueued: 'follow_up_queued',
  /** The running agent took steered messages into its current turn. */
  FollowUpConsumed: 'follow_up_consumed',
} as const
export type ChatEventType = (typeof ChatEventTypes)[keyof typeof ChatEventTypes]

export type ConversationStartData = {
  id: string
  status: ThreadStatus
  runId?: string
  userMessage?: { id: string; clientMessageId?: string }
}
export type ConversationEndData = {
  /** The conversation (thread) id, as XpertAI's server sends it. */
  id?: string
  status: 'idle' | 'error' | 'interrupted' | 'cancelled'
  error?: string
  /** Why the server ended the run, when it did (`run_timeout`). */
  code?: string
}
export type MessageStartData = { id: string; role: 'ai'; executionId?: string; agentKey?: string }
/** `status` is the run's outcome for this message (`success` | `cancelled` | `error` | `interrupted`). */
export type MessageEndData = { id: string; status?: string }
/** `on_agent_start` / `on_agent_end`: which agent of a multi-agent run speaks. */
export type AgentEventData = { agentKey: string; name?: string }
/** `on_error`: an agent-side failure (XpertAI sends `error`, some agents `message`). */
export type ErrorEventData = { error?: string; message?: string }
/** Tool and retriever progress events of XpertAI agents: passed through, not interpreted. */
export type PassThroughEventData = Record<string, unknown>

/** `on_chat_event` payloads, by `type`. An agent may send its own types too (`CustomChatEventData`). */
export type ChatEventPayloads = {
  thread_context_usage: { usage: ContextUsage }
  follow_up_queued: { runId: string; position: number; userMessage?: { id: string; clientMessageId?: string } }
  follow_up_consumed: { messageIds: string[] }
}
export type KnownChatEventData = { [K in ChatEventType]: { type: K } & ChatEventPayloads[K] }[ChatEventType]
/** An agent's own `chat_event` (any `type`), relayed as it sent it. */
export type CustomChatEventData = { type: string; [k: string]: unknown }
export type ChatEventData = KnownChatEventData | CustomChatEventData

/** The data each `ChatEvent` carries. */
export type EventDataMap = {
  on_conversation_start: ConversationStartData
  on_conversation_end: ConversationEndData
  on_message_start: MessageStartData
  on_message_end: MessageEndData
  on_agent_start: AgentEventData
  on_agent_end: AgentEventData
  on_tool_start: PassThroughEventData
  on_tool_end: PassThroughEventData
  on_tool_error: PassThroughEventData
  on_tool_message: PassThroughEventData
  on_retriever_start: PassThroughEventData
  on_retriever_end: PassThroughEventData
  on_retriever_error: PassThroughEventData
  on_interrupt: InterruptData
  on_client_effect: ClientEffectData
  on_chat_event: ChatEventData
  on_error: ErrorEventData
}

/** One `{type:"event"}` envelope per `ChatEvent`, its `data` bound to the event. */
export type EventEnvelope = { [K in ChatEventName]: { type: 'event'; event: K; data: EventDataMap[K] } }[ChatEventName]

/** `data:` of one SSE event. */
export type StreamEnvelope =
  | { type: 'message'; data: string | MessageContent }
  | EventEnvelope
  | { type: 'complete' }
  | { type: 'error'; error: { code: ApiErrorCode | (string & {}); message: string } }
