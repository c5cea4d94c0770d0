import type { AgentResume } from '@xpert-ai/chatkit-server'
import type { ModelMessage, ToolResultPart } from 'ai'

type ToolResultOutput = ToolResultPart['output']

/**
 * The answer to an interrupt → the messages that let `streamText` go on: the assistant turn with
 * the tool calls (and, for approvals, their approval requests), then the tool turn with the
 * approval responses or the host page's results. An edited approval runs with the edited
 * arguments; reject and respond deny the call, their message becoming the denial reason.
 */
export function resumeMessages(resume: AgentResume): ModelMessage[] {
  const { value, interrupt } = resume
  if ('toolMessages' in value) {
    const calls = interrupt && 'clientToolCalls' in interrupt ? interrupt.clientToolCalls : []
    return [
      { role: 'assistant', content: calls.map((c) => ({ type: 'tool-call' as const, toolCallId: c.id, toolName: c.name, input: c.args })) },
      {
        role: 'tool',
        content: value.toolMessages.map((m) => ({
          type: 'tool-result' as const,
          toolCallId: m.tool_call_id,
          toolName: m.name || calls.find((c) => c.id === m.tool_call_id)?.name || 'tool',
          output: output(m.content, m.status),
        })),
      },
    ]
  }
  const calls = interrupt && 'toolCalls' in interrupt ? interrupt.toolCalls : []
  const decided = calls.map((c, i) => {
    const d = value.decisions[i]
    return {
      call: d?.type === 'edit' ? { ...c, args: d.editedAction.args } : c,
      approved: d?.type === 'approve' || d?.type === 'edit',
      reason: d && 'message' in d ? d.message : undefined,
    }
  })
  return [
    {
      role: 'assistant',
      content: decided.flatMap(({ call }) => [
        { type: 'tool-call' as const, toolCallId: call.id, toolName: call.name, input: call.args },
        { type: 'tool-approval-request' as const, approvalId: call.id, toolCallId: call.id },
      ]),
    },
    {
      role: 'tool',
      content: decided.map(({ call, approved, reason }) => ({
        type: 'tool-approval-response' as const,
        approvalId: call.id,
        approved,
        ...(reason ? { reason } : {}),
      })),
    },
  ]
}

function output(content: unknown, status: 'success' | 'error'): ToolResultOutput {
  if (status === 'error') return { type: 'error-text', value: typeof content === 'string' ? content : JSON.stringify(content) }
  return typeof content === 'string' ? { type: 'text', value: content } : { type: 'json', value: (content ?? null) as never }
}
