import { ChatEvent, ChatEventTypes, isRecord, type InterruptData, type InterruptRequest, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { AgentEvent } from '../agent/types.js'
import { AgentProtocolError } from './agent-protocol-error.js'
import { wireValue } from './wire-value.js'

type SideEvent = Extract<AgentEvent, { type: 'client_effect' | 'usage' | 'chat_event' | 'agent_start' | 'agent_end' }>

/** Agent events that are not part of the stored answer → `{type:'event'}` envelopes. */
export function sideEnvelope(ev: SideEvent): StreamEnvelope {
  switch (ev.type) {
    case 'client_effect':
      if (typeof ev.name !== 'string' || !ev.name) throw new AgentProtocolError('agent client_effect event: name must be a non-empty string')
      if (ev.args !== undefined && !isRecord(ev.args)) throw new AgentProtocolError('agent client_effect event: args must be an object')
      return {
        type: 'event',
        event: ChatEvent.ClientEffect,
        data: { name: ev.name, ...(ev.args ? { args: wireValue(ev.args, 'agent client_effect event: args') as Record<string, unknown> } : {}) },
      }
    case 'usage': {
      const u = ev.usage
      const n = (k: string) => typeof (u as Record<string, unknown>)?.[k] === 'number'
      if (!n('inputTokens') || !n('outputTokens') || !n('totalTokens')) {
        throw new AgentProtocolError('agent usage event: usage needs numeric inputTokens, outputTokens and totalTokens')
      }
      return { type: 'event', event: ChatEvent.ChatEvent, data: { type: ChatEventTypes.ThreadContextUsage, usage: wireValue(u, 'agent usage event: usage') } }
    }
    case 'chat_event':
      if (!isRecord(ev.data) || typeof ev.data.type !== 'string') throw new AgentProtocolError('agent chat_event event: data.type must be a string')
      return { type: 'event', event: ChatEvent.ChatEvent, data: wireValue(ev.data, 'agent chat_event event: data') as { type: string } }
    case 'agent_start':
    case 'agent_end':
      if (typeof ev.agentKey !== 'string' || !ev.agentKey) throw new AgentProtocolError(`agent ${ev.type} event: agentKey must be a non-empty string`)
      if ('name' in ev && ev.name !== undefined && typeof ev.name !== 'string') throw new AgentProtocolError('agent agent_start event: name must be a string')
      return {
        type: 'event',
        event: ev.type === 'agent_start' ? ChatEvent.AgentStart : ChatEvent.AgentEnd,
        data: { agentKey: ev.agentKey, ...('name' in ev && ev.name ? { name: ev.name } : {}) },
      }
  }
}

/** Checks an interrupt's value is one of the three request shapes the frame knows. */
export function checkInterrupt(value: unknown): InterruptRequest {
  const v = value as Record<string, unknown>
  const calls = (list: unknown, what: string) => {
    if (!Array.isArray(list) || list.length === 0) throw new AgentProtocolError(`agent interrupt event: ${what} must be a non-empty array`)
    for (const c of list) {
      if (!isRecord(c) || typeof c.id !== 'string' || typeof c.name !== 'string' || !isRecord(c.args)) {
        throw new AgentProtocolError(`agent interrupt event: each of ${what} needs id, name and args`)
      }
    }
  }
  if (!isRecord(v)) throw new AgentProtocolError('agent interrupt event: value must be an object')
  if ('clientToolCalls' in v) calls(v.clientToolCalls, 'clientToolCalls')
  else if ('toolCalls' in v) calls(v.toolCalls, 'toolCalls')
  else if ('actionRequests' in v) {
    if (!Array.isArray(v.actionRequests) || v.actionRequests.length === 0 || !Array.isArray(v.reviewConfigs)) {
      throw new AgentProtocolError('agent interrupt event: actionRequests must be a non-empty array, with reviewConfigs')
    }
  } else throw new AgentProtocolError('agent interrupt event: value needs clientToolCalls, toolCalls or actionRequests')
  return wireValue(v, 'agent interrupt event: value') as InterruptRequest
}

/** The `on_interrupt` payload: one task, one interrupt (LangGraph's shape). */
export function interruptData(agentId: string, runId: string, value: InterruptRequest): InterruptData {
  return { tasks: [{ id: runId, name: agentId, path: [], interrupts: [{ id: `${runId}-interrupt`, value }] }] }
}
