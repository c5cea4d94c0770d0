/**
 * The MCP App of a tool step, if its output carries one: `output.ui` as `@xpert-ai/chatkit-mcp`
 * keeps it (`{uri: 'ui://…', mimeType: 'text/html;profile=mcp-app', text | blob}`). Small on
 * purpose: the tool-step list checks every step with it; the app's code loads only when one shows.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'

export type McpAppResource = { uri: string; html: string }

/** Larger app documents are not shown (the sandbox gets the whole document in one message). */
const MAX_APP_CHARS = 5 * 1024 * 1024

/** Whether the output names an MCP App (`ui://` HTML resource), without decoding it: cheap enough per render. */
export function namesMcpApp(output: unknown): boolean {
  const ui = isRecord(output) ? output.ui : undefined
  if (!isRecord(ui) || typeof ui.uri !== 'string' || !ui.uri.startsWith('ui://')) return false
  const mime = typeof ui.mimeType === 'string' ? ui.mimeType.toLowerCase().replace(/\s+/g, '') : ''
  return mime.startsWith('text/html') && mime.includes('profile=mcp-app')
}

export function mcpAppOf(output: unknown): McpAppResource | null {
  if (!namesMcpApp(output)) return null
  const ui = (output as { ui: Record<string, unknown> & { uri: string } }).ui
  const html = typeof ui.text === 'string' ? ui.text : typeof ui.blob === 'string' ? fromBase64(ui.blob) : null
  return html && html.length <= MAX_APP_CHARS ? { uri: ui.uri, html } : null
}

function fromBase64(b64: string): string | null {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))
  } catch {
    return null
  }
}
