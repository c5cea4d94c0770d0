import { jsonSchema, tool, type ToolSet } from 'ai'

/** The shape of an MCP tool from `@xpert-ai/chatkit-mcp` (`connectMcpServers(…).tools`), declared here so this package does not depend on it. */
export type McpToolLike = {
  name: string
  description?: string
  inputSchema: Record<string, unknown>
  needsApproval: boolean
  call(args: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<{ text: string }>
}

/**
 * MCP tools as AI SDK tools: each call is a tool step whose output keeps the MCP content (UI
 * resources included) while the model reads only its text; tools that need approval ask first.
 */
export function aiSdkToolsFromMcp(tools: McpToolLike[]): ToolSet {
  return Object.fromEntries(
    tools.map((t) => [
      t.name,
      tool({
        description: t.description,
        inputSchema: jsonSchema<Record<string, unknown>>(t.inputSchema as never),
        needsApproval: t.needsApproval,
        execute: (args, { abortSignal }) => t.call(args, { signal: abortSignal }),
        toModelOutput: ({ output }) => ({ type: 'text', value: output.text }),
      }),
    ]),
  )
}
