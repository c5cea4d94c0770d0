import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { AgentEvent, AgentResume } from '@xpert-ai/chatkit-server'

type InterruptRequest = Extract<AgentEvent, { type: 'interrupt' }>['value']

/** An `interrupt()` value already in one of ChatKit's shapes (LangChain's HITL middleware uses `{actionRequests, reviewConfigs}`). */
export function isChatKitInterrupt(v: unknown): v is InterruptRequest {
  return isRecord(v) && (Array.isArray(v.actionRequests) || Array.isArray(v.toolCalls) || Array.isArray(v.clientToolCalls))
}

/**
 * A graph's `interrupt(value)` → what the user answers. ChatKit-shaped values pass through; any
 * other value (a question, an object to review) becomes one action to approve, edit, reject or
 * respond to: an object is its arguments, anything else the description.
 */
export function toInterruptRequest(value: unknown, node: string): InterruptRequest {
  if (isChatKitInterrupt(value)) return value
  const name = isRecord(value) && typeof value.name === 'string' ? value.name : node
  const description = typeof value === 'string' ? value : isRecord(value) && typeof value.description === 'string' ? value.description : undefined
  const args = isRecord(value) ? value : {}
  return {
    actionRequests: [{ name, args, ...(description ? { description } : {}) }],
    reviewConfigs: [{ actionName: name, allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
  }
}

/**
 * The user's answer → the value `interrupt()` returns in the graph (`Command({ resume })`): for a
 * ChatKit-shaped interrupt the answer as it came (`{decisions}` / `{toolMessages}`, what LangChain's
 * HITL middleware expects); for any other value the one decision (`{type:'approve'}`,
 * `{type:'edit', editedAction}`, `{type:'reject', message?}`, `{type:'respond', message}`).
 */
export function resumeValue(pending: unknown, resume: AgentResume): unknown {
  if (isChatKitInterrupt(pending)) return resume.value
  return 'decisions' in resume.value ? (resume.value.decisions[0] ?? null) : resume.value
}
