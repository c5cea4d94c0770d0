/** How to reach one MCP server: a process speaking stdio, or a streamable HTTP endpoint. */
export type McpServerConfig =
  | { command: string; args?: string[]; env?: Record<string, string>; cwd?: string }
  | { url: string; headers?: Record<string, string> }

/** What a tool call returned, as the tool step shows it and the model reads it. */
export type McpToolOutput = {
  /** The MCP content items as returned (text, image, audio, resource links and embedded resources, `ui://…` ones included). */
  content: unknown[]
  structuredContent?: unknown
  /**
   * The tool's MCP App (`_meta.ui.resourceUri`), read from the server so the frame can show it;
   * `server` names the MCP server that owns it: the app may call only that server's tools.
   */
  ui?: { uri: string; mimeType?: string; text?: string; blob?: string; server: string }
  /** The text the model gets: the text items, else the structured content as JSON. */
  text: string
}

/** One MCP tool, ready for any agent: framework adapters turn it into their own tool shape. */
export type McpTool = {
  name: string
  /** Its name on its MCP server (`name` without the `server_` prefix). */
  mcpName: string
  /** Its display name (`title`, or `annotations.title`), for a tool step's title. */
  title?: string
  /** The name of the server (its key in the config) it comes from. */
  server: string
  description?: string
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>
  /** Ask the user before each call (by default: tools annotated `destructiveHint: true` and not `readOnlyHint`). */
  needsApproval: boolean
  annotations?: Record<string, unknown>
  /** Calls the tool; a tool-level error (`isError`) throws with its text. `withUi: false` skips reading its MCP App. */
  call(args: Record<string, unknown>, options?: { signal?: AbortSignal; withUi?: boolean }): Promise<McpToolOutput>
}

export type McpToolbox = {
  /** The tools the model may call (MCP Apps `_meta.ui.visibility` includes `"model"`, the default). */
  tools: McpTool[]
  /** The tools MCP Apps may call (visibility includes `"app"`, the default): `mcpAppTools(box)`. */
  appTools: McpTool[]
  /** Closes every connection (stops the stdio processes). */
  close(): Promise<void>
}
