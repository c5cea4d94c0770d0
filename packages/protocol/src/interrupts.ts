/**
 * Interrupts and resumes: a run pauses with `on_interrupt` (then `on_conversation_end
 * {status:'interrupted'}` + `complete`); the frame resumes it with a new
 * `POST /threads/{id}/runs/stream` whose `input.command.resume` carries the answer. The resumed
 * run continues the SAME AI message (its `on_message_start` repeats the interrupted message id).
 * Shapes follow `@xpert-ai/chatkit-types` (LangGraph interrupt payloads).
 */
import type { WidgetRoot } from './widgets.js'

/** A tool call the agent wants to run (confirmation) or wants the host to run (client tool). */
export type ToolCallSpec = { id: string; name: string; args: Record<string, unknown> }

/** The agent asks the user to confirm tool calls before it runs them. Resume: `{decisions}`, one per call. */
export type ToolCallRequest = { toolCalls: ToolCallSpec[] }
/** The agent asks the host page to run tools (`options.onClientTool`). Resume: `{toolMessages}`. */
export type ClientToolRequest = { clientToolCalls: ToolCallSpec[] }

export type HITLDecisionType = 'approve' | 'edit' | 'reject' | 'respond'
export type HITLActionRequest = { name: string; args: Record<string, unknown>; description?: string }
export type HITLReviewConfig = {
  actionName: string
  allowedDecisions: HITLDecisionType[]
  argsSchema?: Record<string, unknown>
}
/** Human-in-the-loop review of actions. Resume: `{decisions}`, one per action request, in order. */
export type HITLRequest = { actionRequests: HITLActionRequest[]; reviewConfigs: HITLReviewConfig[] }

export type InterruptRequest = ToolCallRequest | ClientToolRequest | HITLRequest

export type InterruptData = {
  tasks: Array<{
    id: string
    name: string
    path?: unknown[]
    interrupts: Array<{ id: string; value: InterruptRequest }>
  }>
}

export type HITLDecision =
  | { type: 'approve' }
  | { type: 'edit'; editedAction: { name: string; args: Record<string, unknown> } }
  | { type: 'reject'; message?: string }
  | { type: 'respond'; message: string }

export type ClientToolMessage = {
  tool_call_id: string
  name: string
  /** JSON-serializable result (strings pass through; objects are JSON-encoded by the agent). */
  content: unknown
  status: 'success' | 'error'
  /** The `onClientTool` result's `artifact` (data for the agent that is not shown to the model as content). */
  artifact?: unknown
}

/** `input.command.resume` of a resuming run request. */
export type ResumeValue = { decisions: HITLDecision[] } | { toolMessages: ClientToolMessage[] }

/** `{type:'component'}` message data for a widget: `data.type === 'Widget'`. */
export type WidgetComponentData = {
  category: 'Dashboard'
  type: 'Widget'
  title?: string
  widget: WidgetRoot
}

/** A widget action or `sendCustomAction` sent to the server: a run request with `input.action`. */
export type CustomActionInput = {
  action: { type: string; payload?: Record<string, unknown> }
  /** The widget item (component id) the action came from, when there is one. */
  itemId?: string
}

/** `on_chat_event` with `{type:'thread_context_usage', usage}`. */
export type ContextUsage = {
  inputTokens: number
  outputTokens: number
  totalTokens: number
  /** The model's context window, when known: the meter shows totalTokens / contextWindow. */
  contextWindow?: number
}

/** `on_client_effect` data: the host receives `chatkit.effect {name, data: args}`. */
export type ClientEffectData = { name: string; args?: Record<string, unknown> }

/** `POST /conversations/{cid}/messages/{mid}/feedbacks` body. */
export type FeedbackRequest = { rating: 'like' | 'dislike'; content?: string }
