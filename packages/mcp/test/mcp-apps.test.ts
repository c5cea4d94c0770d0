import { defineAgent } from '@xpert-ai/chatkit-server'
import { mcpAppTools } from '@xpert-ai/chatkit-mcp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, stepsOf } from '../../server/src/testing/runs.js'
import { startMcpServers } from './mcp-servers.js'

/**
 * `POST /threads/{id}/app-tools/call`: an MCP App's `tools/call` through our server to the real MCP
 * server that owns the app (`charts`, streamable HTTP), scoped to the caller's thread, to a tool
 * step that shows the app, and to that server's app-visible tools; destructive ones need approval.
 */
let mcp: Awaited<ReturnType<typeof startMcpServers>>
let s: TestServer
let runs: ReturnType<typeof agentRuns>

beforeAll(async () => {
  mcp = await startMcpServers()
  const tool = (name: string) => mcp.box.tools.find((t) => t.name === name)!
  const agent = defineAgent({
    id: 'apps',
    name: 'Apps',
    appTools: mcpAppTools(mcp.box),
    async *run(ctx) {
      const name = ctx.input.text === 'chart' ? 'show_chart' : 'list_notes'
      const input = name === 'show_chart' ? { values: [3, 1, 2] } : {}
      yield { type: 'tool_start', id: `step-${name}`, name, input }
      yield { type: 'tool_end', id: `step-${name}`, output: await tool(name).call(input) }
    },
  })
  s = await startTestServer({ extraAgents: [agent] })
  runs = agentRuns(s, 'apps')
})
afterAll(async () => {
  await s?.close()
  await mcp?.close()
})

const chartCalls = async () => ((await mcp.box.appTools.find((t) => t.name === 'chart_calls')!.call({})).structuredContent as { calls: string[] }).calls
const callApp = (at: { secret: string; threadId: string }, body: unknown) => s.call(at.secret, 'POST', `/threads/${at.threadId}/app-tools/call`, body)

describe('MCP App tool calls through the server', () => {
  it('app-only tools are hidden from the model and callable by the app', () => {
    expect(mcp.box.tools.map((t) => t.name)).not.toContain('zoom_chart')
    expect(mcp.box.appTools.filter((t) => t.server === 'charts').map((t) => t.name)).toEqual(['show_chart', 'zoom_chart', 'reset_chart', 'chart_calls'])
    expect(mcp.box.appTools.find((t) => t.name === 'zoom_chart')).toMatchObject({ title: 'Zoom', mcpName: 'zoom_chart', server: 'charts' })
  })

  it('calls a tool of the server owning the app and returns its MCP result', async () => {
    const at = await runs.ask('chart')
    expect(stepsOf(at.envs)[0].output.ui).toMatchObject({ uri: 'ui://charts/bar', server: 'charts' })
    const res = await callApp(at, { step: 'step-show_chart', name: 'zoom_chart', arguments: { factor: 2 } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ content: [{ type: 'text', text: 'zoomed 2x' }], structuredContent: { factor: 2 } })
    expect(await chartCalls()).toContain('zoom 2')
  })

  it('a destructive tool answers approval_required until the call says approved', async () => {
    const at = await runs.ask('chart')
    const before = (await chartCalls()).filter((c) => c === 'reset').length
    const refused = await callApp(at, { step: 'step-show_chart', name: 'reset_chart' })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ error: { code: 'approval_required' } })
    expect((await chartCalls()).filter((c) => c === 'reset').length).toBe(before)
    const ok = await callApp(at, { step: 'step-show_chart', name: 'reset_chart', approved: true })
    expect(await ok.json()).toEqual({ content: [{ type: 'text', text: 'reset' }] })
    expect((await chartCalls()).filter((c) => c === 'reset').length).toBe(before + 1)
  })

  it('refuses tools of another server, steps without an app, other users and bad bodies', async () => {
    const at = await runs.ask('chart')
    const other = await runs.ask('notes')
    const cases: [typeof at, unknown, number, RegExp][] = [
      [at, { step: 'step-show_chart', name: 'add_note', arguments: { text: 'x' } }, 404, /has no tool "add_note"/],
      [other, { step: 'step-list_notes', name: 'zoom_chart', arguments: { factor: 1 } }, 404, /no tool step with an MCP App/],
      [other, { step: 'step-show_chart', name: 'zoom_chart', arguments: { factor: 1 } }, 404, /no tool step with an MCP App/],
      [at, { step: 'step-show_chart' }, 400, /^name: expected a non-empty string/],
      [at, { step: 'step-show_chart', name: 'zoom_chart', arguments: [1] }, 400, /^arguments: expected an object/],
      [at, { step: 'step-show_chart', name: 'zoom_chart', approved: 'yes' }, 400, /^approved: expected a boolean/],
    ]
    for (const [where, body, status, message] of cases) {
      const res = await callApp(where, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message)
    }
    const stranger = await s.session('someone-else', 'apps')
    expect((await callApp({ secret: stranger, threadId: at.threadId }, { step: 'step-show_chart', name: 'zoom_chart', arguments: { factor: 1 } })).status).toBe(
      404,
    )
  })

  it('a tool-level error is an MCP isError result', async () => {
    const at = await runs.ask('chart')
    const res = await callApp(at, { step: 'step-show_chart', name: 'zoom_chart', arguments: { factor: 'big' } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/factor/) }] })
  })
})
