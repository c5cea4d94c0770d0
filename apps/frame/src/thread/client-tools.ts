/**
 * Client tool calls: the agent asks the host page to run tools (`options.onClientTool`); each
 * result becomes a tool message the run resumes with. A host tool that throws still answers:
 * with an error tool message, so the agent learns what happened instead of waiting forever.
 */
import type { ClientToolCall, ClientToolMessage, ToolCallSpec } from '@xpert-ai/chatkit-protocol'

export type ClientToolInvoker = (call: ClientToolCall) => Promise<unknown>
export type ClientToolOutcome = { call: ToolCallSpec; message: ClientToolMessage; error?: string }

export async function runClientTool(call: ToolCallSpec, invoke: ClientToolInvoker): Promise<ClientToolOutcome> {
  try {
    const value = await invoke({ name: call.name, params: call.args, id: call.id, tool_call_id: call.id })
    const v = value as { content?: unknown; status?: unknown; artifact?: unknown } | null
    const isMessage = !!v && typeof v === 'object' && 'content' in v
    const content = isMessage ? v.content : value
    const status = isMessage && v.status === 'error' ? 'error' : 'success'
    const artifact = isMessage && v.artifact !== undefined ? { artifact: v.artifact } : {}
    return { call, message: { tool_call_id: call.id, name: call.name, content: content ?? null, status, ...artifact } }
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e)
    return { call, error, message: { tool_call_id: call.id, name: call.name, content: error, status: 'error' } }
  }
}
