import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createOpenAIAgent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsNamed, envelopesOf, partsOf, textOf } from '../../testing/envelopes.js'
import { startTestServer, type TestServer } from '../../testing/harness.js'
import { streamReader } from '../../testing/sse.js'

/**
 * A local stand-in for a chat-completions server: each request gets the next scripted reply,
 * written as the real wire format (`data: {chunk}\n\n` … `data: [DONE]`).
 */
type Reply = (req: IncomingMessage, res: ServerResponse) => void
const replies: Reply[] = []
const requests: { headers: IncomingMessage['headers']; body: any }[] = []
let fake: Server
let closedEarly = false

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`
const stream =
  (parts: string[], end = 'data: [DONE]\n\n'): Reply =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const p of parts) res.write(p)
    res.end(end)
  }

let s: TestServer
const logged: string[] = []
/** The generic line the user sees for an upstream failure, and the full text the server logged under its reference. */
function shownAndLogged(envs: ReturnType<typeof envelopesOf>): { shown: string; logged: string | undefined } {
  const end = eventsNamed(envs, 'on_conversation_end')[0] as { status: string; error: string }
  expect(end.status).toBe('error')
  const ref = /^the assistant could not answer \(ref ([0-9a-f]{8})\)/.exec(end.error)?.[1]
  expect(ref, end.error).toBeDefined()
  return { shown: end.error, logged: logged.find((l) => l.includes(`(ref ${ref})`)) }
}
beforeAll(async () => {
  fake = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(raw) })
      res.on('close', () => void (res.writableFinished || (closedEarly = true)))
      const next = replies.shift()
      if (next) next(req, res)
      else res.writeHead(500).end('{"error":{"message":"no scripted reply"}}')
    })
  })
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
  const baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`
  const agent = createOpenAIAgent({ baseUrl, apiKey: 'sk-test', model: 'llama3', contextWindow: 4096 })
  const withTools = createOpenAIAgent({
    id: 'openai-tools',
    baseUrl,
    model: 'llama3',
    tools: {
      get_weather: {
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
        execute: async (a) => ({ city: a.city, temp: 21 }),
      },
    },
  })
  s = await startTestServer({ extraAgents: [agent, withTools], onError: (m, e) => void logged.push(`${m}: ${(e as Error).message}`) })
})
afterAll(async () => {
  await s.close()
  fake.close()
})

async function run(assistant: string, text: string, secret?: string, threadId?: string) {
  secret ??= await s.session('oa', assistant)
  threadId ??= (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id as string
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: text } } })
  return { secret, threadId, res, envs: envelopesOf(await res.text()) }
}

describe('openai agent against a fake chat-completions server', () => {
  it('streams content as text, reasoning_content / reasoning as reasoning, usage as context usage; sends history', async () => {
    replies.push(
      stream([
        chunk({ role: 'assistant', content: '' }),
        chunk({ reasoning_content: 'Think' }),
        chunk({ reasoning: 'ing.' }),
        chunk({ content: 'Hello' }),
        chunk({ content: ' world' }),
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 } })}\n\n`,
      ]),
    )
    const first = await run('openai', 'Hi there')
    expect(
      partsOf(first.envs, 'reasoning')
        .map((p) => p.text)
        .join(''),
    ).toBe('Thinking.')
    expect(textOf(first.envs)).toBe('Hello world')
    expect(eventsNamed(first.envs, 'on_chat_event')).toEqual([
      { type: 'thread_context_usage', usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14, contextWindow: 4096 } },
    ])
    expect(eventsNamed(first.envs, 'on_conversation_end')).toMatchObject([{ status: 'idle' }])
    const req = requests.at(-1)!
    expect(req.headers.authorization).toBe('Bearer sk-test')
    expect(req.body).toMatchObject({ model: 'llama3', stream: true, messages: [{ role: 'user', content: 'Hi there' }] })

    replies.push(stream([chunk({ content: 'Again' })]))
    await run('openai', 'Second', first.secret, first.threadId)
    expect(requests.at(-1)!.body.messages).toEqual([
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: 'Hello world' },
      { role: 'user', content: 'Second' },
    ])
  })

  it('accumulates tool calls by index into tool steps; without a server tool the step says so', async () => {
    replies.push(
      stream([
        chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'other', arguments: '{"x"' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"cats"}' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: ':1}' } }] }),
      ]),
    )
    const { envs } = await run('openai', 'use tools')
    const steps = partsOf(envs, 'component')
    expect(steps.map((p) => [p.data.type, p.data.status])).toEqual([
      ['lookup', 'running'],
      ['lookup', 'fail'],
      ['other', 'running'],
      ['other', 'fail'],
    ])
    expect(steps[0].data.input).toEqual({ q: 'cats' })
    expect(steps[2].data.input).toEqual({ x: 1 })
    expect(steps[1].data.error).toMatch(/no tool "lookup"/)
  })

  it('runs a server tool and feeds its result back for the final answer', async () => {
    replies.push(
      stream([chunk({ tool_calls: [{ index: 0, id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] })]),
    )
    replies.push(stream([chunk({ content: 'It is 21 degrees.' })]))
    const { envs } = await run('openai-tools', 'weather in Paris?')
    const steps = partsOf(envs, 'component')
    expect(steps.at(-1).data).toMatchObject({ type: 'get_weather', status: 'success', output: { city: 'Paris', temp: 21 } })
    expect(textOf(envs)).toBe('It is 21 degrees.')
    const second = requests.at(-1)!.body
    expect(second.tools[0].function.name).toBe('get_weather')
    expect(second.messages.slice(-2)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_w', content: '{"city":"Paris","temp":21}' },
    ])
  })

  it('a mid-stream error chunk ends the run as error and keeps the partial answer; the user sees a reference, the log the text', async () => {
    replies.push(
      stream(
        [
          chunk({ content: 'Partial ' }),
          chunk({ content: 'answer' }),
          `data: ${JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } })}\n\n`,
        ],
        '',
      ),
    )
    const { secret, threadId, envs } = await run('openai', 'go')
    const { shown, logged: full } = shownAndLogged(envs)
    expect(shown).not.toContain('overloaded')
    expect(full).toMatch(/agent failed \(ref [0-9a-f]{8}\): model server error: model overloaded$/)
    const items = (await (await s.call(secret, 'GET', `/conversations/${threadId}/messages`)).json()).items
    expect(items[1]).toMatchObject({ status: 'error', content: [{ type: 'text', text: 'Partial answer' }] })
  })

  it("a dropped connection and an HTTP error are run errors; the upstream's text reaches only the server log", async () => {
    replies.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk({ content: 'Cut ' }))
      setTimeout(() => res.destroy(), 20)
    })
    const cut = await run('openai', 'go')
    expect(textOf(cut.envs)).toBe('Cut ')
    expect(eventsNamed(cut.envs, 'on_conversation_end')[0].status).toBe('error')
    replies.push((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key"}}'))
    const denied = await run('openai', 'go')
    // The upstream's text ("Incorrect API key…") never reaches the user or the store, only the log.
    const { shown, logged: full } = shownAndLogged(denied.envs)
    expect(shown).not.toMatch(/API key|401/)
    expect(full).toMatch(/: model server answered 401: Incorrect API key$/)
    const stored = s.store.db.prepare('SELECT error FROM messages WHERE error LIKE ?').all('%Incorrect%')
    expect(stored).toEqual([])
  })

  it('GET /assistants/openai never shows the endpoint or the model unless the operator writes them', async () => {
    const secret = await s.session('oa-describe', 'openai')
    const res = await s.call(secret, 'GET', '/assistants/openai')
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ assistant_id: 'openai', name: 'Assistant', description: null })
    expect(text).not.toMatch(/llama3|127\.0\.0\.1|\/v1|sk-test/)
    const own = createOpenAIAgent({ baseUrl: 'http://10.0.0.9/v1', model: 'secret-model', name: 'Support', description: 'Answers billing questions.' })
    expect([own.name, own.description]).toEqual(['Support', 'Answers billing questions.'])
  })

  it('cancel aborts the request to the model server', async () => {
    closedEarly = false
    replies.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk({ content: 'Slow' }))
    })
    const secret = await s.session('oa-cancel', 'openai')
    const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: 'wait' } } })
    // The model's first chunk reached the stream: the request to the model server is open.
    const stream = streamReader(res)
    await stream.until((t) => t.includes('Slow'))
    await s.call(secret, 'POST', `/threads/${threadId}/runs/${res.headers.get('x-run-id')}/cancel`)
    const envs = envelopesOf(await stream.all())
    expect(eventsNamed(envs, 'on_conversation_end')).toMatchObject([{ status: 'cancelled' }])
    await expect.poll(() => closedEarly).toBe(true)
  })
})
