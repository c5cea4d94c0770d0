import { errorText, jsonSafe, unknownEventStep, type AgentEvent } from '@xpert-ai/chatkit-server'

// biome-ignore lint/suspicious/noExplicitAny: AG-UI events arrive as untyped JSON; each case reads the fields its event type defines
type Ev = Record<string, any> & { type: string }
type Call = { name: string; args: string; started: boolean }

/** What a run has seen: open tool calls, client tool calls held for the host page, sub-agents by run id. */
export type AgUiRunState = {
  calls: Map<string, Call>
  clientCalls: { id: string; name: string; args: Record<string, unknown> }[]
  interrupts: { id: string; reason: string; message?: string; toolCallId?: string }[]
  subagents: Map<string, string>
  finished: boolean
  n: number
}

export const newRunState = (): AgUiRunState => ({ calls: new Map(), clientCalls: [], interrupts: [], subagents: new Map(), finished: false, n: 0 })

const SILENT = new Set([
  'RUN_STARTED',
  'TEXT_MESSAGE_START',
  'TEXT_MESSAGE_END',
  'REASONING_START',
  'REASONING_END',
  'REASONING_MESSAGE_START',
  'REASONING_MESSAGE_END',
  'REASONING_ENCRYPTED_VALUE',
  'MESSAGES_SNAPSHOT',
])

function args(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw || '{}')
    return v && typeof v === 'object' && !Array.isArray(v) ? v : { input: v }
  } catch {
    return { input: raw }
  }
}

/**
 * One AG-UI event → agent events. Text and reasoning stream; a tool call becomes a step once its
 * arguments are complete and ends with its result; steps are steps; state snapshots and deltas
 * are completed `state` steps; custom events are completed steps named after them; sub-agents are agents; `RUN_ERROR` is the run's error; a run
 * finished with an interrupt outcome, or with calls of the page's own tools, pauses for the user.
 */
export function* agUiEvents(ev: Ev, st: AgUiRunState, clientTools: Set<string>, runId: string): Generator<AgentEvent> {
  const agentKey = ev.subagentRunId ? { agentKey: String(ev.subagentRunId) } : {}
  const startCall = function* (id: string): Generator<AgentEvent> {
    const c = st.calls.get(id)
    if (!c || c.started) return
    c.started = true
    if (clientTools.has(c.name)) st.clientCalls.push({ id, name: c.name, args: args(c.args) })
    else yield { type: 'tool_start', id, name: c.name, input: args(c.args) }
  }
  switch (ev.type) {
    case 'TEXT_MESSAGE_CONTENT':
    case 'TEXT_MESSAGE_CHUNK':
      if (ev.delta) yield { type: 'text', text: String(ev.delta), ...agentKey }
      return
    case 'REASONING_MESSAGE_CONTENT':
    case 'REASONING_MESSAGE_CHUNK':
      if (ev.delta) yield { type: 'reasoning', text: String(ev.delta), ...agentKey }
      return
    case 'TOOL_CALL_START':
      st.calls.set(ev.toolCallId, { name: ev.toolCallName, args: '', started: false })
      return
    case 'TOOL_CALL_CHUNK': {
      const c = st.calls.get(ev.toolCallId) ?? { name: ev.toolCallName ?? 'tool', args: '', started: false }
      c.args += ev.delta ?? ''
      st.calls.set(ev.toolCallId, c)
      return
    }
    case 'TOOL_CALL_ARGS': {
      const c = st.calls.get(ev.toolCallId)
      if (c) c.args += ev.delta ?? ''
      return
    }
    case 'TOOL_CALL_END':
      yield* startCall(ev.toolCallId)
      return
    case 'TOOL_CALL_RESULT': {
      if (!st.calls.has(ev.toolCallId)) st.calls.set(ev.toolCallId, { name: 'tool', args: '', started: false })
      yield* startCall(ev.toolCallId)
      const text = typeof ev.content === 'string' ? ev.content : null
      let output: unknown = ev.content
      if (text !== null)
        try {
          output = JSON.parse(text)
        } catch {
          output = text
        }
      yield { type: 'tool_end', id: ev.toolCallId, output: jsonSafe(output) }
      st.calls.delete(ev.toolCallId)
      return
    }
    case 'STEP_STARTED':
      yield { type: 'tool_start', id: `${runId}-step-${ev.stepName}`, name: 'step', title: String(ev.stepName) }
      return
    case 'STEP_FINISHED':
      yield { type: 'tool_end', id: `${runId}-step-${ev.stepName}` }
      return
    case 'STATE_SNAPSHOT':
    case 'STATE_DELTA': {
      // Shown where it happened in the answer: the new state, or the JSON Patch that changed it.
      const id = `${runId}-state-${++st.n}`
      yield { type: 'tool_start', id, name: 'state', title: ev.type === 'STATE_SNAPSHOT' ? 'Agent state' : 'Agent state change' }
      yield { type: 'tool_end', id, output: jsonSafe(ev.type === 'STATE_SNAPSHOT' ? ev.snapshot : ev.delta) }
      return
    }
    case 'CUSTOM': {
      // Shown (the frame does not show chat events other than usage): a completed step named after it.
      const id = `${runId}-custom-${++st.n}`
      yield { type: 'tool_start', id, name: String(ev.name || 'custom'), title: `Event: ${ev.name}` }
      yield { type: 'tool_end', id, output: jsonSafe(ev.value) }
      return
    }
    case 'SUBAGENT_STARTED':
      st.subagents.set(ev.subagentRunId, ev.name)
      yield { type: 'agent_start', agentKey: String(ev.subagentRunId), name: String(ev.name) }
      return
    case 'SUBAGENT_FINISHED':
    case 'SUBAGENT_ERROR':
      if (ev.type === 'SUBAGENT_ERROR') {
        const id = `${runId}-subagent-error-${++st.n}`
        yield { type: 'tool_start', id, name: 'subagent_error', title: `${st.subagents.get(ev.subagentRunId) ?? 'Sub-agent'} failed` }
        yield { type: 'tool_end', id, error: String(ev.message ?? 'failed') }
      }
      yield { type: 'agent_end', agentKey: String(ev.subagentRunId) }
      return
    case 'RUN_ERROR':
      yield { type: 'error', message: ev.message ? String(ev.message) : errorText(ev) }
      return
    case 'RUN_FINISHED': {
      st.finished = true
      const usage = (Array.isArray(ev.usage) ? ev.usage : []) as { inputTokens?: number; outputTokens?: number }[]
      if (usage.length) {
        const input = usage.reduce((a, u) => a + (u.inputTokens ?? 0), 0)
        const output = usage.reduce((a, u) => a + (u.outputTokens ?? 0), 0)
        yield { type: 'usage', usage: { inputTokens: input, outputTokens: output, totalTokens: input + output } }
      }
      if (ev.outcome?.type === 'interrupt') st.interrupts.push(...(ev.outcome.interrupts ?? []))
      // Calls still open: the page's own tools wait for it; any other reported no result.
      for (const [id, c] of st.calls) {
        const wasStarted = c.started
        yield* startCall(id)
        if (!clientTools.has(c.name) && (wasStarted || c.started)) yield { type: 'tool_end', id }
      }
      st.calls.clear()
      return
    }
    default:
      if (!SILENT.has(ev.type)) yield* unknownEventStep('AG-UI', String(ev.type), `${runId}-event-${++st.n}`, ev)
  }
}
