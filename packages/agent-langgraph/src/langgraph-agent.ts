import { defineAgent, errorText, type Agent, type AgentContext, type AgentEvent } from '@xpert-ai/chatkit-server'
import { Command } from '@langchain/langgraph'
import { graphEvents, type GraphStreamState } from './graph-events.js'
import { resumeValue } from './interrupts.js'

/** What the adapter needs of a compiled graph (`StateGraph(…).compile({ checkpointer })`). */
export type StreamableGraph = {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>
  getState(config: { configurable: { thread_id: string } }): Promise<{ values?: unknown; tasks?: { interrupts?: { value?: unknown }[] }[] }>
}

export type LangGraphAgentOptions = {
  id?: string
  name: string
  description?: string
  /** A graph compiled with a checkpointer: it keeps the thread's state under our thread id. */
  graph: StreamableGraph
  /** The graph input for a new user turn. Default `{ messages: [{ role: 'user', content: text }] }`. */
  input?: (ctx: AgentContext) => unknown
  /** Extra run config (`configurable`, `recursionLimit`, …); `thread_id` is always ours. */
  config?: (ctx: AgentContext) => Record<string, unknown>
}

/**
 * A LangGraph.js compiled graph as a ChatKit agent. The thread id is the checkpointer's
 * `thread_id`, so the graph keeps its own state across turns; `interrupt()` pauses the run for
 * the user and the answer resumes the graph with `Command({ resume })`; subgraphs are agents.
 */
export function createLangGraphAgent(options: LangGraphAgentOptions): Agent {
  if (!options.graph || typeof options.graph.stream !== 'function')
    throw new TypeError(`createLangGraphAgent(${options.name}): \`graph\` must be a compiled graph`)
  return defineAgent({
    id: options.id,
    name: options.name,
    description: options.description,
    async *run(ctx): AsyncGenerator<AgentEvent> {
      const extra = options.config?.(ctx) ?? {}
      const configurable = { ...((extra.configurable as object) ?? {}), thread_id: ctx.threadId }
      const st: GraphStreamState = { interrupted: false, agent: null, started: new Set(), ended: new Set(), names: new Map(), n: 0 }
      let input: unknown
      if (ctx.resume) {
        const state = await options.graph.getState({ configurable })
        const pending = state.tasks?.flatMap((t) => t.interrupts ?? [])[0]
        if (!pending) {
          yield { type: 'error', message: 'the graph has no pending interrupt for this thread (was its checkpointer reset?)' }
          return
        }
        input = new Command({ resume: resumeValue(pending.value, ctx.resume) })
        for (const id of unansweredToolCalls(state.values)) st.started.add(id)
      } else input = options.input ? options.input(ctx) : { messages: [{ role: 'user', content: ctx.input.text }] }
      try {
        const stream = await options.graph.stream(input, {
          ...extra,
          configurable,
          streamMode: ['messages', 'updates', 'custom'],
          subgraphs: true,
          signal: ctx.signal,
        })
        for await (const chunk of stream) {
          for (const ev of graphEvents(chunk, st, ctx.runId)) {
            yield ev
            if (ev.type === 'interrupt') return
          }
        }
      } catch (e) {
        if (ctx.signal.aborted) return
        yield { type: 'error', message: errorText(e) }
        return
      }
      if (st.agent) yield { type: 'agent_end', agentKey: st.agent }
    },
  })
}

/** Tool calls of the thread's last AI message without a tool result: the steps the interrupt left running. */
function unansweredToolCalls(values: unknown): string[] {
  const messages = ((values as { messages?: unknown } | null)?.messages ?? []) as { tool_calls?: { id?: string }[]; tool_call_id?: string }[]
  if (!Array.isArray(messages)) return []
  const answered = new Set(messages.map((m) => m.tool_call_id).filter(Boolean))
  const last = [...messages].reverse().find((m) => m.tool_calls?.length)
  return (last?.tool_calls ?? []).flatMap((c) => (c.id && !answered.has(c.id) ? [c.id] : []))
}
