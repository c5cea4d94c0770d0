import { tool, type StructuredToolInterface } from '@langchain/core/tools'
import { interrupt } from '@langchain/langgraph'

/** The shape of an MCP tool from `@xpert-ai/chatkit-mcp` (`connectMcpServers(…).tools`), declared here so this package does not depend on it. */
export type McpToolLike = {
  name: string
  description?: string
  inputSchema: Record<string, unknown>
  needsApproval: boolean
  call(args: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<{ text: string }>
}

type Decision = { type: 'approve' } | { type: 'edit'; editedAction: { args: Record<string, unknown> } } | { type: 'reject' | 'respond'; message?: string }

/**
 * MCP tools as LangChain tools for a LangGraph `ToolNode`: the model gets the text, the tool step
 * the whole MCP result (its artifact: content, UI resources). A tool that needs approval calls
 * `interrupt({ toolCalls })` first — a confirmation in ChatKit — and runs only when approved
 * (with the edited arguments after an edit).
 */
export function langChainToolsFromMcp(tools: McpToolLike[]): StructuredToolInterface[] {
  return tools.map(
    (t) =>
      tool(
        async (args: Record<string, unknown>, config) => {
          let input = args
          if (t.needsApproval) {
            const answer = interrupt({ toolCalls: [{ id: config.toolCall?.id ?? t.name, name: t.name, args }] }) as { decisions?: Decision[] }
            const d = answer?.decisions?.[0]
            if (d?.type === 'edit') input = d.editedAction.args
            else if (d?.type !== 'approve')
              return [`The user did not allow ${t.name} to run.${d && 'message' in d && d.message ? ` They said: ${d.message}` : ''}`, { notRun: true }]
          }
          const out = await t.call(input, { signal: config.signal })
          return [out.text, out]
        },
        { name: t.name, description: t.description ?? t.name, schema: t.inputSchema as never, responseFormat: 'content_and_artifact' },
      ) as StructuredToolInterface,
  )
}
