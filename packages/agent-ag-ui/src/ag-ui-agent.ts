import { HttpAgent, type AbstractAgent } from '@ag-ui/client'
import { defineAgent, errorText, type Agent, type AgentContext, type AgentEvent } from '@xpert-ai/chatkit-server'
import { agUiEvents, newRunState } from './ag-ui-events.js'
import { runInput, type AgUiTool } from './run-input.js'
import { iterate } from './observable.js'

export type AgUiAgentOptions = {
  id?: string
  name: string
  description?: string
  /** The agent's AG-UI endpoint (HTTP POST, SSE back). */
  url?: string
  headers?: Record<string, string>
  /** Or an AG-UI agent object of your own (any `AbstractAgent`); a fresh one per run via this factory. */
  agent?: (ctx: AgentContext) => AbstractAgent
  /** Tools the host page runs (`onClientTool`), offered to the agent as the run's `tools`. */
  clientTools?: AgUiTool[]
}

/**
 * A remote agent speaking AG-UI as a ChatKit agent. Each run posts the thread (text turns) as
 * `RunAgentInput` with our thread and run ids and streams the AG-UI events back; Stop aborts the
 * HTTP request; interrupts and the page's tools pause the run and the answer starts the next AG-UI
 * run (`resume` entries, or the tool results as messages).
 */
export function createAgUiAgent(options: AgUiAgentOptions): Agent {
  if (!options.url && !options.agent) throw new TypeError(`createAgUiAgent(${options.name}): give \`url\` or \`agent\``)
  const clientTools = new Set((options.clientTools ?? []).map((t) => t.name))
  return defineAgent({
    id: options.id,
    name: options.name,
    description: options.description,
    async *run(ctx): AsyncGenerator<AgentEvent> {
      const agent = options.agent ? options.agent(ctx) : new HttpAgent({ url: options.url!, headers: options.headers ?? {} })
      const abort = () => agent.abortRun()
      ctx.signal.addEventListener('abort', abort, { once: true })
      const st = newRunState()
      try {
        for await (const ev of iterate(agent.run(runInput(ctx, options.clientTools ?? [])) as never)) {
          for (const out of agUiEvents(ev as never, st, clientTools, ctx.runId)) {
            yield out
            if (out.type === 'error') return
          }
        }
      } catch (e) {
        if (ctx.signal.aborted) return
        yield { type: 'error', message: `AG-UI agent: ${errorText(e)}` }
        return
      } finally {
        ctx.signal.removeEventListener('abort', abort)
      }
      if (!st.finished) {
        yield { type: 'error', message: 'AG-UI agent: the stream ended without RUN_FINISHED' }
        return
      }
      if (st.interrupts.length) {
        yield {
          type: 'interrupt',
          value: {
            actionRequests: st.interrupts.map((i) => ({
              name: i.reason,
              args: { interruptId: i.id, ...(i.toolCallId ? { toolCallId: i.toolCallId } : {}) },
              ...(i.message ? { description: i.message } : {}),
            })),
            reviewConfigs: st.interrupts.map((i) => ({ actionName: i.reason, allowedDecisions: ['approve', 'edit', 'reject', 'respond'] })),
          },
        }
      } else if (st.clientCalls.length) yield { type: 'interrupt', value: { clientToolCalls: st.clientCalls } }
    },
  })
}
