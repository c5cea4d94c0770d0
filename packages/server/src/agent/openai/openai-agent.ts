import { defineAgent } from '../define-agent.js'
import type { Agent, AgentContext, AgentEvent } from '../types.js'
import { toChatMessages, type AttachmentLimits, type ChatMessage, type ChatToolCall } from './chat-messages.js'
import { streamCompletion } from './stream-completion.js'

/** A server-side tool the model may call. */
export type OpenAITool = {
  description?: string
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>
  execute(args: Record<string, unknown>, ctx: AgentContext): Promise<unknown>
}

export type OpenAIAgentOptions = {
  /** Default `https://api.openai.com/v1`; Ollama: `http://127.0.0.1:11434/v1`; vLLM / llama.cpp: their `/v1`. */
  baseUrl?: string
  apiKey?: string
  /** Default `gpt-4o-mini`. */
  model?: string
  id?: string
  /** Shown to end users (`GET /assistants/openai`). Default `Assistant`: never the model or URL. */
  name?: string
  /** Shown to end users. Default none: the endpoint and model stay configuration, not content. */
  description?: string
  system?: string
  /** Shown in the context meter when the server reports usage. */
  contextWindow?: number
  tools?: Record<string, OpenAITool>
  /** Model ↔ tool rounds per answer. Default 5. */
  maxToolRounds?: number
  /** Sends `stream_options.include_usage` (servers that reject unknown fields can turn it off). Default true. */
  includeUsage?: boolean
  /** Attached images go to the model as image parts, text files inline, each up to these sizes. */
  attachments?: AttachmentLimits
  fetch?: typeof fetch
}

/**
 * The built-in `openai` agent: any OpenAI-compatible chat-completions endpoint, streamed.
 * `delta.content` is the answer, `delta.reasoning_content` / `delta.reasoning` visible reasoning,
 * tool calls are tool steps (run when a matching `tools` entry exists, then the model continues),
 * `usage` feeds the context meter. Attached images go as `image_url` parts (base64), text files
 * inline (`attachments` sets the limits). A failure mid-stream ends the run as an error with the partial
 * answer kept; a cancel aborts the HTTP request.
 */
export function createOpenAIAgent(options: OpenAIAgentOptions = {}): Agent {
  const baseUrl = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')
  const model = options.model ?? 'gpt-4o-mini'
  const tools = options.tools ?? {}
  const toolDefs = Object.entries(tools).map(([name, t]) => ({
    type: 'function' as const,
    function: { name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters ?? { type: 'object', properties: {} } },
  }))
  return defineAgent({
    id: options.id ?? 'openai',
    name: options.name ?? 'Assistant',
    ...(options.description ? { description: options.description } : {}),
    async *run(ctx): AsyncGenerator<AgentEvent> {
      const messages: ChatMessage[] = await toChatMessages(ctx.history, ctx.input, ctx.files, options.system, options.attachments)
      for (let round = 0; round <= (options.maxToolRounds ?? 5); round++) {
        const body = {
          model,
          messages,
          stream: true,
          ...(options.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
          ...(toolDefs.length ? { tools: toolDefs } : {}),
        }
        const calls: ChatToolCall[] = []
        for await (const ev of streamCompletion({
          url: `${baseUrl}/chat/completions`,
          apiKey: options.apiKey,
          body,
          signal: ctx.signal,
          fetch: options.fetch,
        })) {
          if (ev.type === 'tool_calls') calls.push(...ev.calls)
          else if (ev.type === 'usage')
            yield { type: 'usage', usage: { ...ev.usage, ...(options.contextWindow ? { contextWindow: options.contextWindow } : {}) } }
          else yield ev
        }
        if (!calls.length) return
        messages.push({ role: 'assistant', content: null, tool_calls: calls })
        for (const call of calls) {
          const id = `${ctx.runId}-${call.id}`
          const args = parseArgs(call.function.arguments)
          yield { type: 'tool_start', id, name: call.function.name, input: args ?? call.function.arguments }
          const tool = tools[call.function.name]
          let content: string
          if (!tool || args === null) {
            const error = !tool ? `no tool "${call.function.name}" is available on this server` : 'the arguments are not valid JSON'
            yield { type: 'tool_end', id, error }
            content = JSON.stringify({ error })
          } else {
            try {
              const output = await tool.execute(args, ctx)
              yield { type: 'tool_end', id, output }
              content = typeof output === 'string' ? output : JSON.stringify(output)
            } catch (e) {
              const error = e instanceof Error ? e.message : String(e)
              yield { type: 'tool_end', id, error }
              content = JSON.stringify({ error })
            }
          }
          messages.push({ role: 'tool', tool_call_id: call.id, content })
        }
        // Without server-side tools there is nothing to feed back: the steps show what the model asked for.
        if (!toolDefs.length) return
      }
    },
  })
}

function parseArgs(raw: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(raw || '{}')
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}
