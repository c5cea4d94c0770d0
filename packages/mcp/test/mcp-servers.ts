import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { connectMcpServers } from '@xpert-ai/chatkit-mcp'

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url))

/** Real MCP server processes built with the official SDK: `notes` over stdio, `charts` over streamable HTTP. */
export async function startMcpServers() {
  const http = spawn(process.execPath, [fixture('http-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(http.stdout!, 'data')) as [Buffer]
  const port = /listening (\d+)/.exec(String(line))![1]
  const box = await connectMcpServers({
    notes: { command: process.execPath, args: [fixture('stdio-server.mjs')] },
    charts: { url: `http://127.0.0.1:${port}/mcp` },
  })
  const listNotes = async () =>
    (await box.tools.find((t) => t.name === 'list_notes')!.call({})).structuredContent as { notes: Record<string, string>; cancelled: number; started: number }
  return {
    box,
    listNotes,
    async close() {
      await box.close()
      http.kill()
    },
  }
}
