import { context, trace, type Span } from '@opentelemetry/api'
import type { Agent, AgentContext, AgentEvent } from '../agent/types.js'
import type { ObserveConfig } from './observer.js'
import { runStates } from './observe-run.js'
import { overlay } from './overlay.js'
import { Attr, failSpan, SpanNames } from './tracing.js'

/**
 * `agent` reporting what it yields: tokens (`text`/`reasoning` events) and the first one's time,
 * tool errors, its own failure (`agentError`); with a tracer, a `chatkit.agent` span and one
 * `chatkit.tool <name>` span per tool call under it. Installed only with metrics or a tracer.
 */
export function observeAgent(agent: Agent, o: ObserveConfig): Agent {
  return overlay(agent, { run: (ctx: AgentContext) => observed(agent.run(ctx), ctx, o) })
}

async function* observed(events: AsyncIterable<AgentEvent>, ctx: AgentContext, { metrics, tracer }: ObserveConfig): AsyncGenerator<AgentEvent> {
  const state = runStates.get(ctx)
  let span: Span | undefined
  if (tracer && state) {
    span = tracer.startSpan(SpanNames.agent, { attributes: { [Attr.runId]: ctx.runId, [Attr.threadId]: ctx.threadId, [Attr.assistantId]: ctx.assistantId } })
    state.agentSpan = span
    state.agentSpanOpen = true
  }
  const parent = span ? trace.setSpan(context.active(), span) : undefined
  const tools = new Map<string, Span>()
  let first = true
  let reported = false
  try {
    for await (const ev of events) {
      switch (ev?.type) {
        case 'text':
        case 'reasoning':
          if (first) {
            first = false
            if (state) metrics?.firstToken((performance.now() - state.t0) / 1000)
          }
          metrics?.tokens(1)
          break
        case 'tool_start':
          if (tracer && parent)
            tools.set(ev.id, tracer.startSpan(`${SpanNames.tool} ${ev.name}`, { attributes: { [Attr.tool]: ev.name, [Attr.runId]: ctx.runId } }, parent))
          break
        case 'tool_end': {
          const tool = tools.get(ev.id)
          tools.delete(ev.id)
          if (ev.error !== undefined) {
            metrics?.toolError()
            if (tool) failSpan(tool, ev.error)
          }
          tool?.end()
          break
        }
        case 'error':
          reported = true
          metrics?.agentError()
          if (span) failSpan(span, ev.message)
          break
      }
      yield ev
    }
  } catch (e) {
    if (!ctx.signal.aborted && !reported) metrics?.agentError()
    if (span) failSpan(span, e)
    throw e
  } finally {
    for (const t of tools.values()) t.end()
    if (state?.agentSpanOpen) {
      state.agentSpanOpen = false
      span?.end()
    }
  }
}
