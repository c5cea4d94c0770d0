import { errorText, jsonSafe, unknownEventStep, type AgentEvent } from '@xpert-ai/chatkit-server'

type RawItem = {
  callId?: unknown
  id?: unknown
  name?: unknown
  type?: unknown
  arguments?: unknown
  content?: { text?: string }[]
  rawContent?: { text?: string }[]
  [key: string]: unknown
}
type Ev = {
  type: string
  name?: string
  data?: { type?: string; delta?: unknown }
  item?: { rawItem?: RawItem; output?: unknown; targetAgent?: { name?: string }; sourceAgent?: { name?: string } }
  agent?: { name: string }
}

/** What a run has seen: the agent that has the floor (handoffs change it). */
export type AgentsRunState = { root: string; speaker: string | null; n: number }

const QUIET_ITEMS = new Set(['message_output_created', 'handoff_requested', 'tool_approval_requested'])

function callOf(raw: RawItem | undefined): { id: string; name: string; input: unknown } {
  let input: unknown = raw?.arguments
  if (typeof input === 'string')
    try {
      input = JSON.parse(input)
    } catch {
      /* shown as sent */
    }
  return { id: String(raw?.callId ?? raw?.id ?? 'call'), name: String(raw?.name ?? raw?.type ?? 'tool'), input: jsonSafe(input) }
}

/**
 * One `run(agent, input, { stream: true })` event → agent events. Text deltas of the model stream
 * are the answer; tool calls and their outputs are tool steps; reasoning items are reasoning; a
 * handoff gives the floor to another agent (`agent_start` with its name).
 */
export function* agentsEvents(ev: Ev, st: AgentsRunState, runId: string): Generator<AgentEvent> {
  const key = st.speaker ? { agentKey: st.speaker } : {}
  if (ev.type === 'raw_model_stream_event') {
    if (ev.data?.type === 'output_text_delta' && ev.data.delta) yield { type: 'text', text: String(ev.data.delta), ...key }
    return
  }
  if (ev.type === 'agent_updated_stream_event') {
    const name = ev.agent?.name ?? 'agent'
    const next = name === st.root ? null : name
    if (next === st.speaker) return
    if (st.speaker) yield { type: 'agent_end', agentKey: st.speaker }
    if (next) yield { type: 'agent_start', agentKey: next, name: next }
    st.speaker = next
    return
  }
  if (ev.type === 'run_item_stream_event') {
    const raw = ev.item?.rawItem
    switch (ev.name) {
      case 'tool_called': {
        const c = callOf(raw)
        yield { type: 'tool_start', id: c.id, name: c.name, input: c.input }
        return
      }
      case 'tool_output': {
        const id = String(raw?.callId ?? raw?.id)
        const out = ev.item?.output
        let output: unknown = out
        if (typeof out === 'string')
          try {
            output = JSON.parse(out)
          } catch {
            output = out
          }
        yield { type: 'tool_end', id, output: jsonSafe(output) }
        return
      }
      case 'handoff_occurred': {
        const id = `${runId}-handoff-${++st.n}`
        const to = ev.item?.targetAgent?.name ?? 'agent'
        yield { type: 'tool_start', id, name: 'handoff', title: `Handoff to ${to}` }
        yield { type: 'tool_end', id, output: { from: ev.item?.sourceAgent?.name ?? null, to } }
        return
      }
      case 'reasoning_item_created': {
        const text = (raw?.content ?? raw?.rawContent ?? []).map((c: { text?: string }) => c.text ?? '').join('')
        if (text) yield { type: 'reasoning', text, ...key }
        return
      }
      default:
        if (QUIET_ITEMS.has(String(ev.name))) return
        yield* unknownEventStep('OpenAI Agents SDK', `item:${ev.name}`, `${runId}-event-${++st.n}`, raw ?? ev.item)
        return
    }
  }
  yield* unknownEventStep('OpenAI Agents SDK', String(ev.type), `${runId}-event-${++st.n}`, ev)
}

/** A guardrail trip or another run failure as a message the user can act on. */
export function runErrorText(e: unknown): string {
  const name = (e as { constructor?: { name?: string } })?.constructor?.name ?? ''
  const r = (e as { result?: { guardrail?: { name?: string }; output?: { outputInfo?: unknown } } }).result
  if (/GuardrailTripwireTriggered$/.test(name)) {
    const kind = name
      .replace(/GuardrailTripwireTriggered$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
    const info = r?.output?.outputInfo
    return `${kind} guardrail "${r?.guardrail?.name ?? 'guardrail'}" tripped${info === undefined ? '' : `: ${typeof info === 'string' ? info : JSON.stringify(jsonSafe(info))}`}`
  }
  return errorText(e)
}
