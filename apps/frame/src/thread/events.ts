/**
 * Handlers for `{type:"event"}` envelopes, by event name. Events without a handler are ignored:
 * the wire format grows (tool, agent and interrupt events land in the conversation issue) and an
 * older frame must keep working. A handler returns a string to report malformed data.
 */
import { ChatEvent, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ThreadState } from './types.js'
import { endRun, ensureAssistant, failMessage, findMessage, hasStreamingAnswer, updateMessage } from './messages.js'
import { kind } from './content.js'

export type EventHandler = (state: ThreadState, data: Record<string, unknown>) => ThreadState | string

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

export const eventHandlers: Partial<Record<string, EventHandler>> = {
  [ChatEvent.ConversationStart](state, d) {
    const threadId = str(d.id)
    if (!threadId) return 'on_conversation_start without a conversation id'
    let s: ThreadState = { ...state, threadId, runId: str(d.runId) ?? state.runId }
    const um = d.userMessage as { id?: unknown; clientMessageId?: unknown } | undefined
    const serverId = str(um?.id)
    const clientId = str(um?.clientMessageId)
    if (serverId && clientId) {
      const local = s.messages.find((m) => m.clientId === clientId)
      if (local) s = updateMessage(s, local.id, (m) => ({ ...m, id: serverId }))
    }
    return s
  },

  [ChatEvent.MessageStart](state, d) {
    const id = str(d.id)
    if (!id) return 'on_message_start without a message id'
    const [s] = ensureAssistant(state, id)
    const agentKey = str(d.agentKey)
    return agentKey ? updateMessage(s, id, (m) => ({ ...m, agentKey })) : s
  },

  [ChatEvent.MessageEnd](state, d) {
    const id = str(d.id) ?? state.currentMessageId
    if (!id || !findMessage(state, id)) return state
    // A message that ends with its run cancelled or failed keeps that status, not `done`.
    const status = d.status === 'cancelled' ? 'cancelled' : d.status === 'error' ? 'error' : 'done'
    const s = updateMessage(state, id, (m) => (m.status === 'streaming' ? { ...m, status } : m))
    return s.currentMessageId === id ? { ...s, currentMessageId: null } : s
  },

  [ChatEvent.ConversationEnd](state, d) {
    switch (d.status) {
      case 'cancelled':
        return endRun(state, 'cancelled')
      case 'error': {
        const message = str(d.error) ?? 'the run failed'
        const s = failMessage(state, { code: ErrorCodes.Stream, message }, hasStreamingAnswer(state) ? 'current' : 'new')
        return endRun(s, 'error')
      }
      default:
        return endRun(state, 'done')
    }
  },

  [ChatEvent.Error](state, d) {
    const message = str(d.error) ?? str(d.message) ?? 'the agent reported an error'
    return failMessage(state, { code: ErrorCodes.Stream, message })
  },
}

/** Validates `data` as an object before the handler sees it. */
export function handleEvent(state: ThreadState, name: string, data: unknown): ThreadState | string {
  const handler = eventHandlers[name]
  if (!handler) return state
  if (!data || typeof data !== 'object' || Array.isArray(data)) return `${name} data must be an object, got ${kind(data)}`
  return handler(state, data as Record<string, unknown>)
}
