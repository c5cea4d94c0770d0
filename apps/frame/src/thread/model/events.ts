/**
 * Handlers for `{type:"event"}` envelopes, by event name. Events without a handler are ignored:
 * the wire format grows and an older frame must keep working. A handler returns a string to report
 * malformed data. `now` is the frame clock time the event arrived (for live durations).
 */
import { ChatEvent, ChatEventTypes, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ThreadState } from './types.js'
import { endRun, ensureAssistant, failMessage, findMessage, hasStreamingAnswer, interruptedByServer, settleMessage, updateMessage } from './messages.js'
import { kind } from './content.js'
import { interruptParts } from './interrupts.js'
import { usageFrom } from './usage.js'

type EventHandler = (state: ThreadState, data: Record<string, unknown>, now?: number) => ThreadState | string

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

const eventHandlers: Partial<Record<string, EventHandler>> = {
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

  [ChatEvent.MessageStart](state, d, now) {
    const id = str(d.id)
    if (!id) return 'on_message_start without a message id'
    const [s] = ensureAssistant(state, id)
    const agentKey = str(d.agentKey)
    // A resumed run repeats the interrupted message's id: that message streams again.
    return updateMessage(s, id, (m) => {
      const began = now !== undefined && m.startedAt === undefined ? { ...m, startedAt: now } : m
      const next = began.status === 'streaming' ? began : { ...began, status: 'streaming' as const }
      return agentKey && next.agentKey !== agentKey ? { ...next, agentKey } : next
    })
  },

  [ChatEvent.MessageEnd](state, d, now) {
    const id = str(d.id) ?? state.currentMessageId
    if (!id || !findMessage(state, id)) return state
    // A message that ends with its run cancelled or failed keeps that status, not `done`.
    const status = d.status === 'cancelled' ? 'cancelled' : d.status === 'error' ? 'error' : 'done'
    const s = updateMessage(state, id, (m) => (m.status === 'streaming' ? settleMessage(m, status, now) : m))
    return s.currentMessageId === id ? { ...s, currentMessageId: null } : s
  },

  [ChatEvent.ConversationEnd](state, d, now) {
    switch (d.status) {
      case 'cancelled':
        // A user's cancel has no reason; a server-side one (shutdown) says why.
        return str(d.error) ? interruptedByServer(state, str(d.error)!, now) : endRun(state, 'cancelled', now)
      case 'error': {
        const message = str(d.error) ?? 'the run failed'
        const last = state.messages[state.messages.length - 1]
        // on_message_end {status:'error'} already failed the answer: the reason belongs to it
        // (even when it already shows another error, e.g. a malformed event before the failure).
        const endedFailed = last?.role === 'assistant' && last.status === 'error' && !last.parts.some((p) => p.type === 'error' && p.message === message)
        const where = hasStreamingAnswer(state) ? 'current' : 'new'
        const s = endedFailed
          ? updateMessage(state, last.id, (m) => ({ ...m, parts: [...m.parts, { type: 'error', code: ErrorCodes.Stream, message }] }))
          : failMessage(state, { code: ErrorCodes.Stream, message }, where)
        return endRun(s, 'error', now)
      }
      default:
        // 'interrupted' with a reason: the server stopped mid-run (replayed after a restart).
        if (d.status === 'interrupted' && str(d.error)) return interruptedByServer(state, str(d.error)!, now)
        // 'idle' and 'interrupted' (the interrupt part in the message says what it waits for).
        return endRun(state, 'done', now)
    }
  },

  [ChatEvent.AgentStart](state, d) {
    const key = str(d.agentKey)
    if (!key) return 'on_agent_start without an agentKey'
    const name = str(d.name) ?? str(d.title) ?? key
    return state.agents[key] === name ? state : { ...state, agents: { ...state.agents, [key]: name } }
  },

  [ChatEvent.Interrupt](state, d) {
    const parts = interruptParts(d)
    if (typeof parts === 'string') return parts
    const [s, id] = ensureAssistant(state)
    return updateMessage(s, id, (m) => ({ ...m, parts: [...m.parts.filter((p) => !parts.some((n) => p.type === 'interrupt' && p.id === n.id)), ...parts] }))
  },

  [ChatEvent.ChatEvent](state, d) {
    if (d.type !== ChatEventTypes.ThreadContextUsage) return state
    const usage = usageFrom(d.usage)
    return typeof usage === 'string' ? usage : { ...state, usage }
  },

  [ChatEvent.Error](state, d) {
    const message = str(d.error) ?? str(d.message) ?? 'the agent reported an error'
    return failMessage(state, { code: ErrorCodes.Stream, message })
  },
}

/** Validates `data` as an object before the handler sees it. */
export function handleEvent(state: ThreadState, name: string, data: unknown, now?: number): ThreadState | string {
  const handler = eventHandlers[name]
  if (!handler) return state
  if (!data || typeof data !== 'object' || Array.isArray(data)) return `${name} data must be an object, got ${kind(data)}`
  return handler(state, data as Record<string, unknown>, now)
}
