import type { RunAgentInput } from '@ag-ui/client'
import { toTextChatMessages, type AgentContext } from '@xpert-ai/chatkit-server'

/** A tool the host page runs, as AG-UI declares tools. */
export type AgUiTool = { name: string; description: string; parameters?: Record<string, unknown> }

/**
 * The `RunAgentInput` of one run: our thread and run ids, the thread as text messages, the page's
 * tools, the request's `state` and (as `forwardedProps`) `context`. A resume adds either the tool
 * calls and the page's results as messages, or `resume` entries answering the interrupts: each
 * decision is the entry's payload (`status: 'resolved'`).
 */
export function runInput(ctx: AgentContext, tools: AgUiTool[]): RunAgentInput {
  const messages: RunAgentInput['messages'] = toTextChatMessages(ctx.history, ctx.input).map((m, i) =>
    m.role === 'assistant' ? { id: `m${i}`, role: 'assistant', content: m.content ?? '' } : { id: `m${i}`, role: 'user', content: String(m.content) },
  )
  const input: RunAgentInput = { threadId: ctx.threadId, runId: ctx.runId, state: ctx.state, messages, tools, context: [], forwardedProps: ctx.context }
  const r = ctx.resume
  if (!r) return input
  if ('toolMessages' in r.value) {
    const calls = r.interrupt && 'clientToolCalls' in r.interrupt ? r.interrupt.clientToolCalls : []
    messages.push({
      id: `${ctx.runId}-calls`,
      role: 'assistant',
      toolCalls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })),
    })
    for (const m of r.value.toolMessages) {
      const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content)
      messages.push({
        id: `${ctx.runId}-${m.tool_call_id}`,
        role: 'tool',
        toolCallId: m.tool_call_id,
        content,
        ...(m.status === 'error' ? { error: content } : {}),
      })
    }
    return input
  }
  const actions = r.interrupt && 'actionRequests' in r.interrupt ? r.interrupt.actionRequests : []
  const { decisions } = r.value
  input.resume = actions.map((a, i) => ({ interruptId: String(a.args.interruptId), status: 'resolved' as const, payload: decisions[i] ?? null }))
  return input
}
