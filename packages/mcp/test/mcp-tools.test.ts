import { aiSdkToolsFromMcp, createAiSdkAgent } from '@xpert-ai/chatkit-agent-ai-sdk'
import { connectMcpServers, openAIToolsFromMcp } from '@xpert-ai/chatkit-mcp'
import { simulateReadableStream, stepCountIs } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textOf } from '../../server/src/testing/envelopes.js'
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js'
import { agentRuns, endOf, interruptOf, stepsOf } from '../../server/src/testing/runs.js'
import { startMcpServers } from './mcp-servers.js'

/** The AI SDK's mock model, scripted per call (the model is the only double: the MCP servers are real processes). */
type Part = Record<string, unknown>
const scripts: Part[][] = []
const prompts: any[][] = []
const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } }
const finish = (unified = 'stop'): Part => ({ type: 'finish', finishReason: { unified, raw: unified }, usage })
const say = (t: string): Part[] => [{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: t }, { type: 'text-end', id: 't' }, finish()]
const call = (id: string, name: string, input: unknown): Part[] => [
  { type: 'tool-call', toolCallId: id, toolName: name, input: JSON.stringify(input) },
  finish('tool-calls'),
]
const model = new MockLanguageModelV3({
  doStream: async ({ prompt }) => {
    prompts.push(prompt)
    return { stream: simulateReadableStream({ chunks: [{ type: 'stream-start', warnings: [] }, ...(scripts.shift() ?? say('no script'))] as never[] }) }
  },
})

let mcp: Awaited<ReturnType<typeof startMcpServers>>
let box: typeof mcp.box
let s: TestServer
let runs: ReturnType<typeof agentRuns>
beforeAll(async () => {
  mcp = await startMcpServers()
  box = mcp.box
  const agent = createAiSdkAgent({ id: 'mcp', name: 'MCP', streamText: { model, tools: aiSdkToolsFromMcp(box.tools), stopWhen: stepCountIs(4) } })
  s = await startTestServer({ extraAgents: [agent] })
  runs = agentRuns(s, 'mcp')
})
afterAll(async () => {
  await s.close()
  await mcp.close()
})
const listNotes = () => mcp.listNotes()

describe('MCP tools from a stdio and a streamable HTTP server, through the AI SDK adapter', () => {
  it('lists the tools of both servers; destructive ones need approval', () => {
    expect(box.tools.map((t) => [t.server, t.name, t.needsApproval])).toEqual([
      ['notes', 'add_note', false],
      ['notes', 'delete_note', true],
      ['notes', 'list_notes', false],
      ['notes', 'broken', false],
      ['notes', 'slow', false],
      ['charts', 'show_chart', false],
      ['charts', 'reset_chart', true],
    ])
  })

  it('a call is a tool step with the MCP result; the model reads its text and answers', async () => {
    scripts.push(call('a1', 'add_note', { text: 'call mom' }), say('Noted.'))
    const { envs } = await runs.ask('Remember to call mom')
    expect(stepsOf(envs)).toMatchObject([
      {
        type: 'add_note',
        status: 'success',
        input: { text: 'call mom' },
        output: { content: [{ type: 'text', text: 'added n2' }], structuredContent: { id: 'n2' } },
      },
    ])
    expect(prompts.at(-1)!.at(-1)).toMatchObject({ role: 'tool', content: [{ type: 'tool-result', output: { type: 'text', value: 'added n2' } }] })
    expect(textOf(envs)).toBe('Noted.')
    expect((await listNotes()).notes.n2).toBe('call mom')
  })

  it('keeps the MCP App (ui:// resource) of an HTTP server tool in the step output', async () => {
    scripts.push(call('c1', 'show_chart', { values: [1, 2, 3] }), say('Here.'))
    const { envs } = await runs.ask('Chart it')
    const [step] = stepsOf(envs)
    expect(step.output.ui).toEqual({
      uri: 'ui://charts/bar',
      mimeType: 'text/html;profile=mcp-app',
      text: '<!doctype html><div id="chart">bars</div>',
      server: 'charts',
    })
    expect(step.output.structuredContent).toEqual({ values: [1, 2, 3] })
  })

  it('a destructive tool asks first; approved, it runs on the MCP server', async () => {
    scripts.push(call('d1', 'delete_note', { id: 'n1' }))
    const first = await runs.ask('Delete the milk note')
    expect(interruptOf(first.envs)).toEqual({ toolCalls: [{ id: 'd1', name: 'delete_note', args: { id: 'n1' } }] })
    expect((await listNotes()).notes.n1).toBe('buy milk')
    scripts.push(say('Deleted.'))
    const resumed = await runs.resume(first, { decisions: [{ type: 'approve' }] })
    expect(stepsOf(resumed)).toMatchObject([{ type: 'delete_note', status: 'success', output: { content: [{ type: 'text', text: 'deleted n1' }] } }])
    expect((await listNotes()).notes.n1).toBeUndefined()
  })

  it('a tool error fails the step with the server message and the model goes on', async () => {
    scripts.push(call('b1', 'broken', {}), say('Sorry.'))
    const { envs } = await runs.ask('Break')
    expect(stepsOf(envs)).toMatchObject([{ type: 'broken', status: 'fail', error: 'the notes database is locked' }])
    expect(endOf(envs)).toEqual({ status: 'idle' })
  })

  it('Stop cancels the running MCP call on the server', async () => {
    const before = await listNotes()
    scripts.push(call('s1', 'slow', {}))
    // Stop once the call is running on the MCP server (the step on screen can come a moment before it).
    const { envs } = await runs.stopWhen(
      'Wait',
      (sse) => sse.includes('"type":"slow"'),
      async () => (await listNotes()).started === before.started + 1,
    )
    expect(endOf(envs).status).toBe('cancelled')
    await expect.poll(async () => (await listNotes()).cancelled, { timeout: 10_000 }).toBe(before.cancelled + 1)
  })

  it('for the built-in openai agent: tools run, and one that needs approval refuses clearly', async () => {
    const tools = openAIToolsFromMcp(box.tools)
    const ctx = { signal: new AbortController().signal } as never
    expect(await tools.add_note.execute({ text: 'x' }, ctx)).toMatchObject({ text: expect.stringMatching(/^added n\d$/) })
    await expect(tools.delete_note.execute({ id: 'n2' }, ctx)).rejects.toThrow(/needs the user's approval/)
    expect((await listNotes()).notes.n2).toBe('call mom')
  })
})

describe('connectMcpServers', () => {
  it('fails clearly when a server cannot be started', async () => {
    await expect(connectMcpServers({ ghost: { command: '/nonexistent/mcp-server' } })).rejects.toThrow(/MCP server "ghost": cannot connect/)
    await expect(connectMcpServers({ bad: {} as never })).rejects.toThrow(/give \{ command, args \} \(stdio\) or \{ url \}/)
  })
})
