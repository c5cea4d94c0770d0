import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AgentFileError, createOpenAIAgent, defineAgent, type AgentContext } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envelopesOf, textOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

/** What the probe agent saw: the tool choice and the files it read through `ctx.files`. */
const seen: { tool?: string; text?: string; bytes?: number; foreign?: string }[] = []
let foreignId = ''
const probe = defineAgent({
  id: 'probe',
  name: 'Probe',
  async *run(ctx: AgentContext) {
    const entry: (typeof seen)[number] = { tool: ctx.input.tool }
    for (const f of ctx.input.files) {
      if (f.mimeType.startsWith('text/')) entry.text = await ctx.files.text(f)
      else entry.bytes = (await ctx.files.bytes(f)).byteLength
    }
    if (foreignId)
      entry.foreign = await ctx.files.bytes(foreignId).then(
        () => 'read',
        (e) => (e instanceof AgentFileError ? e.message : 'other'),
      )
    seen.push(entry)
    yield { type: 'text', text: 'ok' }
  },
})

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
let s: TestServer
let fake: Server
const completions: any[] = []
beforeAll(async () => {
  fake = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      completions.push(JSON.parse(raw))
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'seen' } }] })}\n\ndata: [DONE]\n\n`)
    })
  })
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
  const baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`
  s = await startTestServer({ delayMs: 0, extraAgents: [probe, createOpenAIAgent({ baseUrl, model: 'm' })] })
})
afterAll(async () => {
  await s.close()
  fake.close()
})

async function upload(secret: string, bytes: BlobPart, name: string, assistant: string): Promise<{ id: string; mimeType: string }> {
  const form = new FormData()
  form.set('file', new File([bytes], name))
  form.set('xpertId', assistant)
  const res = await fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form })
  expect(res.status).toBe(200)
  return res.json()
}

async function ask(secret: string, assistant: string, input: Record<string, unknown>) {
  const threadId = (await (await s.call(secret, 'POST', '/threads', { assistant_id: assistant })).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input } })
  expect(res.status).toBe(200)
  return envelopesOf(await res.text())
}

describe('agents read the composer tool and uploaded files through the context', () => {
  it('ctx.input.tool carries input.input.tool; ctx.files reads text and bytes of the owner only', async () => {
    const other = await s.session('someone-else', 'probe')
    foreignId = (await upload(other, 'secret', 'theirs.txt', 'probe')).id
    const secret = await s.session('file-owner', 'probe')
    const txt = await upload(secret, 'hello from a file', 'notes.txt', 'probe')
    const img = await upload(secret, PNG, 'pic.png', 'probe')
    const envs = await ask(secret, 'probe', { input: 'read these', tool: 'web_search', files: [{ id: txt.id }, { id: img.id }] })
    expect(textOf(envs)).toBe('ok')
    expect(seen.at(-1)).toEqual({ tool: 'web_search', text: 'hello from a file', bytes: PNG.length, foreign: `file ${foreignId} not found` })
  })

  it('refuses a tool id that is not a short string', async () => {
    const secret = await s.session('file-owner', 'probe')
    const threadId = (await (await s.call(secret, 'POST', '/threads', { assistant_id: 'probe' })).json()).thread_id
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: 'x', tool: 42 } } })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/input\.input\.tool/)
  })

  it('the openai agent sends an attached image as an image_url part and a text file inline', async () => {
    const secret = await s.session('oa-files', 'openai')
    const txt = await upload(secret, 'line one', 'a.txt', 'openai')
    const img = await upload(secret, PNG, 'pic.png', 'openai')
    const envs = await ask(secret, 'openai', { input: 'describe', files: [{ id: img.id }, { id: txt.id }] })
    expect(textOf(envs)).toBe('seen')
    const user = completions.at(-1).messages.at(-1)
    expect(user.role).toBe('user')
    expect(user.content).toEqual([
      { type: 'text', text: 'describe' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` } },
      { type: 'text', text: 'File a.txt:\n```\nline one\n```' },
    ])
  })
})
