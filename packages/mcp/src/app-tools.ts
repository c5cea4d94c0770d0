import type { AgentAppTools } from '@xpert-ai/chatkit-server'
import type { McpToolbox } from './types.js'

/**
 * The tools MCP Apps may call back (`defineAgent({ appTools: mcpAppTools(box) })`): an app reaches
 * only the tools of the MCP server that owns it (by their names on that server), and only those
 * visible to apps. Tools that need approval (destructive) are asked of the user in the frame first.
 */
export function mcpAppTools(box: Pick<McpToolbox, 'appTools'>): AgentAppTools {
  return {
    find(server, name) {
      const tool = box.appTools.find((t) => t.server === server && t.mcpName === name)
      if (!tool) return null
      return {
        needsApproval: tool.needsApproval,
        async call(args, { signal }) {
          const out = await tool.call(args, { signal, withUi: false })
          return { content: out.content, ...(out.structuredContent !== undefined ? { structuredContent: out.structuredContent } : {}) }
        },
      }
    },
  }
}
