import { Runner, RunState, type Agent as SdkAgent, type AgentInputItem, type StreamedRunResult } from '@openai/agents'
import { defineAgent, toTextChatMessages, type Agent, type AgentContext, type AgentEvent } from '@xpert-ai/chatkit-server'
import { agentsEvents, runErrorText, type AgentsRunState } from './stream-events.js'

/** Where a run paused for approvals keeps its serialized `RunState` until the user answers. */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's own bound for any agent (`Agent<TContext, TOutput>` is invariant in both), so users' agents of any context and output type fit
type AnyAgent = SdkAgent<any, any>

export type RunStateStore = {
  get(threadId: string): Promise<string | undefined> | string | undefined
  set(threadId: string, state: string | undefined): Promise<void> | void
}

export type OpenAIAgentsOptions = {
  id?: string
  name?: string
  description?: string
  /** The starting agent (its handoffs are followed). */
  agent: AnyAgent
  /** A `Runner` with your model provider and run config. Default `new Runner()`. */
  runner?: Runner
  maxTurns?: number
  /** Default: in this process's memory (a pending approval is lost on restart). */
  stateStore?: RunStateStore
  /** Shown in the context meter next to the run's usage. */
  contextWindow?: number
}

function memoryStore(): RunStateStore {
  const m = new Map<string, string>()
  return { get: (k) => m.get(k), set: (k, v) => void (v === undefined ? m.delete(k) : m.set(k, v)) }
}

function inputItems(ctx: AgentContext): AgentInputItem[] {
  return toTextChatMessages(ctx.history, ctx.input).map((m) =>
    m.role === 'assistant'
      ? ({ role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: m.content ?? '' }] } as AgentInputItem)
      : ({ role: 'user', content: String(m.content) } as AgentInputItem),
  )
}

/**
 * An OpenAI Agents SDK agent, run streamed, as a ChatKit agent. Tools that need approval pause the
 * run for a confirmation; the answer approves or rejects them on the saved `RunState` and the run
 * goes on. Handoffs give the floor to the other agent; guardrail trips end the run with a clear error.
 */
export function createOpenAIAgentsAgent(options: OpenAIAgentsOptions): Agent {
  const runner = options.runner ?? new Runner()
  const store = options.stateStore ?? memoryStore()
  const root = options.agent
  return defineAgent({
    id: options.id,
    name: options.name ?? root.name,
    description: options.description,
    async *run(ctx): AsyncGenerator<AgentEvent> {
      let input: AgentInputItem[] | RunState<unknown, AnyAgent> = inputItems(ctx)
      if (ctx.resume) {
        const saved = await store.get(ctx.threadId)
        if (!saved) {
          yield { type: 'error', message: 'no paused run to resume for this thread (was the server restarted?)' }
          return
        }
        const state = await RunState.fromString(root, saved)
        const decisions = 'decisions' in ctx.resume.value ? ctx.resume.value.decisions : []
        state.getInterruptions().forEach((item, i) => {
          const d = decisions[i]
          if (d?.type === 'approve') state.approve(item)
          else
            state.reject(item, {
              message: d?.type === 'edit' ? 'editing the arguments is not supported; the call was not run' : d && 'message' in d ? d.message : undefined,
            })
        })
        await store.set(ctx.threadId, undefined)
        input = state
      }
      const st: AgentsRunState = { root: root.name, speaker: null, n: 0 }
      let result: StreamedRunResult<unknown, AnyAgent>
      try {
        result = await runner.run(root, input, { stream: true, signal: ctx.signal, ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}) })
        for await (const ev of result) yield* agentsEvents(ev as never, st, ctx.runId)
        await result.completed
        if (result.error) throw result.error
      } catch (e) {
        if (ctx.signal.aborted) return
        yield { type: 'error', message: runErrorText(e) }
        return
      }
      if (st.speaker) yield { type: 'agent_end', agentKey: st.speaker }
      const u = result.state.usage
      if (u?.inputTokens) {
        yield {
          type: 'usage',
          usage: {
            inputTokens: u.inputTokens,
            outputTokens: u.outputTokens,
            totalTokens: u.totalTokens || u.inputTokens + u.outputTokens,
            ...(options.contextWindow ? { contextWindow: options.contextWindow } : {}),
          },
        }
      }
      const pending = result.interruptions ?? []
      if (!pending.length) return
      await store.set(ctx.threadId, result.state.toString())
      yield {
        type: 'interrupt',
        value: {
          toolCalls: pending.map((item) => {
            const raw = item.rawItem as { callId?: string; id?: string; name?: string; arguments?: string }
            let args: Record<string, unknown> = {}
            try {
              args = JSON.parse(raw.arguments ?? '{}')
            } catch {
              args = { arguments: raw.arguments }
            }
            return { id: String(raw.callId ?? raw.id), name: String(raw.name ?? 'tool'), args }
          }),
        },
      }
    },
  })
}
