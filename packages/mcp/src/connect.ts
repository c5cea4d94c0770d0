import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { McpServerConfig, McpTool, McpToolbox, McpToolOutput } from './types.js'

export type ConnectMcpOptions = {
  /** Which tools ask first. Default `'destructive'` (annotated `destructiveHint: true`, not `readOnlyHint`). */
  approve?: 'destructive' | 'all' | 'none' | ((tool: { name: string; server: string; annotations?: Record<string, unknown> }) => boolean)
  /** Name tools `server_tool` (needed when two servers have a tool of the same name). Default false. */
  prefixNames?: boolean
  /** Client name sent in `initialize`. */
  clientName?: string
}

type ListedTool = {
  name: string
  title?: string
  description?: string
  inputSchema: Record<string, unknown>
  annotations?: Record<string, unknown>
  _meta?: Record<string, unknown>
}

/**
 * Connects to MCP servers (stdio processes and streamable HTTP endpoints) and lists their tools.
 * A server that cannot be reached fails the whole call with its name in the message (connections
 * already made are closed).
 */
export async function connectMcpServers(servers: Record<string, McpServerConfig>, options: ConnectMcpOptions = {}): Promise<McpToolbox> {
  const clients: Client[] = []
  const close = async () => void (await Promise.allSettled(clients.map((c) => c.close())))
  const all: { tool: McpTool; model: boolean; app: boolean }[] = []
  try {
    for (const [server, config] of Object.entries(servers)) {
      const client = new Client({ name: options.clientName ?? 'chatkit', version: '1.0.0' })
      try {
        await client.connect(transport(server, config))
      } catch (e) {
        throw new Error(`MCP server "${server}": cannot connect (${(e as Error).message})`)
      }
      clients.push(client)
      const listed = (await client.listTools()).tools as ListedTool[]
      for (const t of listed) all.push({ tool: toTool(client, server, t, options), ...visibility(t) })
    }
  } catch (e) {
    await close()
    throw e
  }
  const tools = all.filter((t) => t.model).map((t) => t.tool)
  const seen = new Set<string>()
  for (const t of tools) {
    if (seen.has(t.name)) {
      await close()
      throw new Error(`MCP: two servers have a tool named "${t.name}"; connect with { prefixNames: true }`)
    }
    seen.add(t.name)
  }
  return { tools, appTools: all.filter((t) => t.app).map((t) => t.tool), close }
}

/** The tool's display name: `title`, else `annotations.title` (MCP 2025-06-18). */
function titleOf(t: ListedTool): string | undefined {
  const title = t.title ?? t.annotations?.title
  return typeof title === 'string' && title ? title : undefined
}

/** MCP Apps `_meta.ui.visibility`: who may call the tool (default both the model and the app). */
function visibility(t: ListedTool): { model: boolean; app: boolean } {
  const v = (t._meta?.ui as { visibility?: unknown } | undefined)?.visibility
  if (!Array.isArray(v)) return { model: true, app: true }
  return { model: v.includes('model'), app: v.includes('app') }
}

function transport(server: string, c: McpServerConfig) {
  if ('command' in c && typeof c.command === 'string') {
    return new StdioClientTransport({
      command: c.command,
      args: c.args ?? [],
      ...(c.env ? { env: c.env } : {}),
      ...(c.cwd ? { cwd: c.cwd } : {}),
      stderr: 'inherit',
    })
  }
  if ('url' in c && typeof c.url === 'string') return new StreamableHTTPClientTransport(new URL(c.url), { requestInit: { headers: c.headers ?? {} } })
  throw new TypeError(`MCP server "${server}": give { command, args } (stdio) or { url } (streamable HTTP)`)
}

function needsApproval(t: ListedTool, server: string, approve: ConnectMcpOptions['approve'] = 'destructive'): boolean {
  if (typeof approve === 'function') return approve({ name: t.name, server, annotations: t.annotations })
  if (approve === 'all' || approve === 'none') return approve === 'all'
  return t.annotations?.destructiveHint === true && t.annotations?.readOnlyHint !== true
}

/** `_meta.ui.resourceUri` (MCP Apps), or the earlier flat `_meta["ui/resourceUri"]`. */
function uiResource(t: ListedTool): string | undefined {
  const meta = t._meta ?? {}
  const uri = (meta.ui as { resourceUri?: unknown } | undefined)?.resourceUri ?? meta['ui/resourceUri']
  return typeof uri === 'string' && uri.startsWith('ui://') ? uri : undefined
}

function toTool(client: Client, server: string, t: ListedTool, options: ConnectMcpOptions): McpTool {
  const ui = uiResource(t)
  return {
    name: options.prefixNames ? `${server}_${t.name}` : t.name,
    mcpName: t.name,
    ...(titleOf(t) ? { title: titleOf(t) } : {}),
    server,
    description: t.description,
    inputSchema: t.inputSchema ?? { type: 'object', properties: {} },
    needsApproval: needsApproval(t, server, options.approve),
    annotations: t.annotations,
    async call(args, o = {}) {
      const r = (await client.callTool({ name: t.name, arguments: args }, undefined, { signal: o.signal })) as {
        content?: unknown[]
        structuredContent?: unknown
        isError?: boolean
      }
      const content = Array.isArray(r.content) ? r.content : []
      const text = content.flatMap((c) => ((c as { type?: string }).type === 'text' ? [(c as { text: string }).text] : [])).join('\n')
      if (r.isError) throw new Error(text || `MCP tool "${t.name}" failed`)
      const out: McpToolOutput = { content, text: text || (r.structuredContent === undefined ? '' : JSON.stringify(r.structuredContent)) }
      if (r.structuredContent !== undefined) out.structuredContent = r.structuredContent
      if (ui && o.withUi !== false) {
        const res = await client.readResource({ uri: ui }, { signal: o.signal })
        const first = res.contents[0] as { uri: string; mimeType?: string; text?: string; blob?: string } | undefined
        if (first) out.ui = { uri: first.uri, mimeType: first.mimeType, text: first.text, blob: first.blob, server }
      }
      return out
    },
  }
}
