import { errorText, jsonSafe, unknownEventStep, type AgentEvent } from '@xpert-ai/chatkit-server'
import { toInterruptRequest } from './interrupts.js'

type Msg = {
  id?: string
  content?: unknown
  tool_calls?: { id?: string; name: string; args: unknown }[]
  tool_call_id?: string
  artifact?: unknown
  status?: string
  name?: string
  additional_kwargs?: Record<string, unknown>
  usage_metadata?: { input_tokens: number; output_tokens: number; total_tokens: number }
  getType?: () => string
  _getType?: () => string
}

/** What one run has seen so far: tool calls started and ended (a parent graph repeats its subgraphs' messages). */
export type GraphStreamState = { interrupted: boolean; agent: string | null; started: Set<string>; ended: Set<string>; names: Map<string, string>; n: number }

const typeOf = (m: Msg) => m.getType?.() ?? m._getType?.() ?? 'unknown'
const KNOWN_NODES = new Set(['__start__', '__end__'])

/** Text and reasoning of a message chunk's content (a string, or content blocks). */
function pieces(m: Msg): { text: string; reasoning: string } {
  let text = ''
  let reasoning = typeof m.additional_kwargs?.reasoning_content === 'string' ? m.additional_kwargs.reasoning_content : ''
  if (typeof m.content === 'string') text = m.content
  else if (Array.isArray(m.content)) {
    for (const b of m.content as Record<string, unknown>[]) {
      if (b?.type === 'text' && typeof b.text === 'string') text += b.text
      else if ((b?.type === 'reasoning' || b?.type === 'thinking') && typeof (b.reasoning ?? b.thinking) === 'string')
        reasoning += (b.reasoning ?? b.thinking) as string
    }
  }
  return { text, reasoning }
}

/**
 * One chunk of `graph.stream(…, { streamMode: ['messages', 'updates', 'custom'], subgraphs: true })`
 * (`[namespace, mode, data]`) → agent events. Messages mode carries the model's tokens; updates
 * carry the complete tool calls a node decided on, the tool results, and `__interrupt__`. A
 * subgraph's namespace makes its words an agent's (`agent_start` / `agentKey`).
 */
export function* graphEvents(chunk: unknown, st: GraphStreamState, runId: string): Generator<AgentEvent> {
  // Tool steps are keyed by the tool call id, so a resumed run ends the step its interrupt left running.
  const idPrefix = ''
  const { started, ended } = st
  const [ns, mode, data] = Array.isArray(chunk) && chunk.length === 3 ? (chunk as [string[], string, unknown]) : [[], 'unknown', chunk]
  const agent = ns.length ? ns[ns.length - 1].split(':')[0] : null
  if (agent !== st.agent) {
    if (st.agent) yield { type: 'agent_end', agentKey: st.agent }
    if (agent) yield { type: 'agent_start', agentKey: agent, name: agent }
    st.agent = agent
  }
  const key = agent ? { agentKey: agent } : {}
  if (mode === 'messages' && Array.isArray(data)) {
    const m = data[0] as Msg
    const t = typeOf(m)
    if (t === 'ai' || t === 'AIMessageChunk') {
      const { text, reasoning } = pieces(m)
      if (reasoning) yield { type: 'reasoning', text: reasoning, ...key }
      if (text) yield { type: 'text', text, ...key }
    } else if (t !== 'tool' && t !== 'human' && t !== 'system' && t !== 'remove')
      yield* unknownEventStep('LangGraph', `message:${t}`, `${runId}-event-${++st.n}`, m)
    return
  }
  if (mode === 'updates' && data && typeof data === 'object') {
    for (const [node, update] of Object.entries(data as Record<string, unknown>)) {
      if (node === '__interrupt__') {
        const first = (update as { value: unknown }[])[0]
        if (first) {
          st.interrupted = true
          // Named after the value's own `name`, else the tool call it paused, else the subgraph.
          const running = [...started].reverse().find((id) => !ended.has(id))
          yield { type: 'interrupt', value: toInterruptRequest(first.value, (running && st.names.get(running)) || agent || 'interrupt') }
        }
        continue
      }
      if (KNOWN_NODES.has(node)) continue
      const raw = (update as { messages?: unknown } | null)?.messages
      const messages = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Msg[]
      for (const m of messages) {
        const t = typeOf(m)
        if (t === 'ai') {
          for (const c of m.tool_calls ?? []) {
            const id = c.id ?? `${runId}-${node}-${++st.n}`
            if (started.has(id)) continue
            started.add(id)
            st.names.set(id, c.name)
            yield { type: 'tool_start', id: idPrefix + id, name: c.name, input: jsonSafe(c.args) }
          }
          const u = m.usage_metadata
          if (u && typeof u.input_tokens === 'number')
            yield {
              type: 'usage',
              usage: {
                inputTokens: u.input_tokens,
                outputTokens: u.output_tokens ?? 0,
                totalTokens: u.total_tokens ?? u.input_tokens + (u.output_tokens ?? 0),
              },
            }
        } else if (t === 'tool' && m.tool_call_id && !ended.has(m.tool_call_id)) {
          ended.add(m.tool_call_id)
          if (!started.has(m.tool_call_id)) {
            started.add(m.tool_call_id)
            yield { type: 'tool_start', id: idPrefix + m.tool_call_id, name: m.name ?? 'tool' }
          }
          // A tool's artifact (`responseFormat: 'content_and_artifact'`) is what it made for people; the content is the model's.
          const output = m.artifact !== undefined ? jsonSafe(m.artifact) : typeof m.content === 'string' ? parseMaybe(m.content) : jsonSafe(m.content)
          yield m.status === 'error'
            ? { type: 'tool_end', id: idPrefix + m.tool_call_id, error: typeof m.content === 'string' ? m.content : errorText(m.content) }
            : { type: 'tool_end', id: idPrefix + m.tool_call_id, output }
        }
      }
    }
    return
  }
  if (mode === 'custom') {
    const d = data as Record<string, unknown> | null
    if (d && typeof d === 'object' && typeof d.type === 'string') {
      // A typed write is shown as a completed step named after its type (the frame shows no chat events but usage).
      const id = `${runId}-custom-${++st.n}`
      yield { type: 'tool_start', id, name: d.type, title: `Event: ${d.type}` }
      yield { type: 'tool_end', id, output: jsonSafe(d) }
    } else yield* unknownEventStep('LangGraph', 'custom', `${runId}-event-${++st.n}`, data)
    return
  }
  yield* unknownEventStep('LangGraph', String(mode), `${runId}-event-${++st.n}`, data)
}

function parseMaybe(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}
