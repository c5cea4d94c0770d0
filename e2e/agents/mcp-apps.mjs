// The MCP Apps agent of e2e/specs/rich-mcp-apps.spec.ts (id `demo`), loaded by the CLI with
// --agent: it connects the real board MCP server (mcp-apps/server.mjs, stdio) with
// @xpert-ai/chatkit-mcp, shows its tools' apps as tool steps, and lets those apps call their
// server's tools back (`appTools`). The model is scripted by the user's words: "board" calls
// `show_board`, "probe" calls `show_probe`; anything else is echoed ("Agent heard: …").
import { fileURLToPath } from 'node:url'
import { connectMcpServers, mcpAppTools } from '@xpert-ai/chatkit-mcp'

const env = { PATH: process.env.PATH ?? '', MCP_APPS_RECORD: process.env.MCP_APPS_RECORD ?? '', MCP_APPS_PROBE_ORIGIN: process.env.MCP_APPS_PROBE_ORIGIN ?? '' }
const mcp = await connectMcpServers({ board: { command: process.execPath, args: [fileURLToPath(new URL('./mcp-apps/server.mjs', import.meta.url))], env } })
const tool = (name) => mcp.tools.find((t) => t.name === name)

export default {
  id: 'demo',
  name: 'MCP Apps test agent',
  appTools: mcpAppTools(mcp),
  async *run(ctx) {
    const text = ctx.input.text
    const name = /\bboard\b/i.test(text) && !text.startsWith('The board app says') ? 'show_board' : /\bprobe\b/i.test(text) ? 'show_probe' : null
    if (!name) return yield { type: 'text', text: `Agent heard: ${text}` }
    const input = name === 'show_board' ? { title: 'Groceries' } : {}
    const id = `call-${ctx.runId}`
    yield { type: 'tool_start', id, name, title: tool(name).title ?? name, input }
    yield { type: 'tool_end', id, output: await tool(name).call(input, { signal: ctx.signal }) }
    yield { type: 'text', text: 'Here it is.' }
  },
}
