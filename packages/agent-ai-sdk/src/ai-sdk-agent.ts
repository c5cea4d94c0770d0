import { defineAgent, toTextChatMessages, type Agent, type AgentContext, type AgentEvent } from '@xpert-ai/chatkit-server'
import { streamText, type ModelMessage, type StreamTextResult, type ToolSet } from 'ai'
import { resumeMessages } from './resume-messages.js'
import { streamEvents, type StreamOutcome } from './stream-events.js'

type StreamTextOptions = Parameters<typeof streamText>[0]

/** What a `stream` function gets: the thread as AI SDK messages and the run's abort signal. */
export type AiSdkTurn = { messages: ModelMessage[]; abortSignal: AbortSignal; ctx: AgentContext }

export type AiSdkAgentOptions = {
  id?: string
  name: string
  description?: string
  /** Shown in the context meter next to the reported usage. */
  contextWindow?: number
} & (
  | {
      /** `streamText` options (model, system, tools, stopWhen, …); the thread's messages and the abort signal are added. */
      streamText: Omit<StreamTextOptions, 'messages' | 'prompt' | 'abortSignal'>
      stream?: never
    }
  | {
      /** Call `streamText` yourself (per-user models, extra context); pass `messages` and `abortSignal` through. */
      stream: (turn: AiSdkTurn) => StreamTextResult<ToolSet, never> | Promise<StreamTextResult<ToolSet, never>>
      /** The tools you give `streamText`: needed to tell approval and client tools from the rest. */
      tools?: ToolSet
      streamText?: never
    }
)

/**
 * A Vercel AI SDK `streamText` agent as a ChatKit agent. Tools with `needsApproval` pause the run
 * for a confirmation (approve / edit / reject); tools without `execute` are client tools the host
 * page runs (`onClientTool`); either answer resumes the run with the AI SDK's own messages.
 */
export function createAiSdkAgent(options: AiSdkAgentOptions): Agent {
  const tools = options.streamText ? options.streamText.tools : options.tools
  return defineAgent({
    id: options.id,
    name: options.name,
    description: options.description,
    async *run(ctx): AsyncGenerator<AgentEvent> {
      const messages: ModelMessage[] = [
        // Plain {role, content: string} turns: the shape every AI SDK provider takes.
        ...(toTextChatMessages(ctx.history, ctx.input) as ModelMessage[]),
        ...(ctx.resume ? resumeMessages(ctx.resume) : []),
      ]
      const turn = { messages, abortSignal: ctx.signal, ctx }
      const result = options.streamText
        ? // The error reaches the user as the run's error; the SDK's default onError would log it again.
          streamText({ onError: () => {}, ...options.streamText, messages, abortSignal: ctx.signal } as StreamTextOptions)
        : await options.stream(turn)
      const outcome: StreamOutcome = { approvals: [], clientCalls: [], failed: false }
      yield* streamEvents(result.fullStream, { tools, idPrefix: `${ctx.runId}-`, contextWindow: options.contextWindow }, outcome)
      if (outcome.failed || ctx.signal.aborted) return
      const spec = (c: StreamOutcome['approvals'][number]) => ({ id: c.toolCallId, name: c.toolName, args: c.input })
      if (outcome.approvals.length) yield { type: 'interrupt', value: { toolCalls: outcome.approvals.map(spec) } }
      else if (outcome.clientCalls.length) yield { type: 'interrupt', value: { clientToolCalls: outcome.clientCalls.map(spec) } }
    },
  })
}
