import type { ChatEventData, ClientToolRequest, HITLRequest, ToolCallRequest } from '@xpert-ai/chatkit-protocol'
import { planDemoAnswer } from './demo-answer.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsNamed, envelopesOf, partsOf, textOf } from '../../testing/envelopes.js'
import { startTestServer, type TestServer } from '../../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ delayMs: 0 })))
afterAll(() => s.close())

async function ask(text: string, secret?: string, threadId?: string) {
  secret ??= await s.session('demo-user')
  threadId ??= await s.thread(secret)
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, s.runBody(text))
  return { secret, threadId, envs: envelopesOf(await res.text()) }
}
const resume = (secret: string, threadId: string, value: unknown) =>
  s
    .call(secret, 'POST', `/threads/${threadId}/runs/stream`, { assistant_id: 'demo', input: { command: { resume: value } } })
    .then(async (r) => ({ status: r.status, envs: r.status === 200 ? envelopesOf(await r.text()) : [] }))
const endOf = (envs: ReturnType<typeof envelopesOf>) => eventsNamed(envs, 'on_conversation_end')[0]
const messages = async (secret: string, threadId: string) => (await (await s.call(secret, 'GET', `/conversations/${threadId}/messages`)).json()).items

describe('demo agent keywords', () => {
  it('math: a table, a task list, inline and block math and a ts code block', async () => {
    const text = textOf((await ask('MATH please')).envs)
    expect(text).toBe(planDemoAnswer('MATH please').answer)
    expect(text).toContain('$e^{i\\pi}+1=0$')
    expect(text).toMatch(/\n\$\$\n[^$]+\n\$\$\n/)
    expect(text).toContain('| Plan | Seats | Price |')
    expect(text).toContain('- [x] Render markdown')
    expect(text).toContain('```ts\nconst area')
  })

  it('search: a web_search tool step whose output is {results:[{title,url,snippet}]}', async () => {
    const steps = partsOf((await ask('search the web')).envs, 'component')
    expect(steps.map((p) => [p.data.type, p.data.status])).toEqual([
      ['web_search', 'running'],
      ['web_search', 'success'],
    ])
    expect(steps[1].data.output.results[0]).toEqual({ title: expect.any(String), url: expect.stringMatching(/^https:/), snippet: expect.any(String) })
  })

  it('search: the answer cites the results as its sources [1] [2], and suggests features it did not show', async () => {
    const { envs } = await ask('search the web')
    const [sources] = partsOf(envs, 'sources')
    expect(sources.sources).toEqual(partsOf(envs, 'component')[1].data.output.results)
    expect(textOf(envs)).toContain('any page [1], and XpertAI hosts the agents behind it [2]')
    expect(partsOf(envs, 'suggestions')).toEqual([
      { type: 'suggestions', suggestions: ['Show me a widget', 'Send an email I approve first', 'Show me some math'] },
    ])
  })

  it('widget: a Card with a form (email, plan, agree) and subscribe/cancel actions', async () => {
    const [w] = partsOf((await ask('show a widget')).envs, 'component')
    expect(w.data).toMatchObject({ category: 'Dashboard', type: 'Widget' })
    const json = JSON.stringify(w.data.widget)
    expect(w.data.widget.type).toBe('Card')
    for (const needle of [
      '"type":"Title"',
      '"type":"Text"',
      '"type":"Form"',
      '"name":"email"',
      '"name":"plan"',
      '"name":"agree"',
      '"type":"demo.subscribe"',
      '"type":"demo.cancel"',
    ]) {
      expect(json).toContain(needle)
    }
  })

  it('effect, usage and agents: client effect, context usage, two attributed agents', async () => {
    const { envs } = await ask('effect usage agents')
    expect(eventsNamed(envs, 'on_client_effect')).toEqual([{ name: 'highlight', args: { selector: '#pricing' } }])
    const [usage] = eventsNamed(envs, 'on_chat_event') as Extract<ChatEventData, { type: 'thread_context_usage' }>[]
    expect(usage).toMatchObject({
      type: 'thread_context_usage',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), contextWindow: 8192 },
    })
    expect(usage.usage.totalTokens).toBe(usage.usage.inputTokens + usage.usage.outputTokens)
    expect(eventsNamed(envs, 'on_agent_start')).toEqual([
      { agentKey: 'researcher', name: 'Researcher' },
      { agentKey: 'writer', name: 'Writer' },
    ])
    const texts = partsOf(envs, 'text')
    expect(texts.find((t) => t.agentKey === 'researcher').text).toBeTruthy()
    expect(texts.find((t) => t.agentKey === 'writer').text).toBeTruthy()
  })

  it('fail: partial text kept, the run ends as error', async () => {
    const { secret, threadId, envs } = await ask('please fail')
    expect(endOf(envs)).toMatchObject({ status: 'error', error: expect.stringMatching(/^the assistant could not answer \(ref [0-9a-f]{8}\)/) })
    const [, ai] = await messages(secret, threadId)
    expect(ai.status).toBe('error')
    expect(ai.content[0].text.length).toBeGreaterThan(10)
  })

  it('a custom action answers "Received action <type>" with the payload', async () => {
    const secret = await s.session('demo-user')
    const threadId = await s.thread(secret)
    for (const input of [{ action: { action: { type: 'demo.subscribe', payload: { email: 'a@b.c' } }, itemId: 'w1' } }, { action: { type: 'demo.cancel' } }]) {
      const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input })
      expect(res.status).toBe(200)
      const text = textOf(envelopesOf(await res.text()))
      expect(text).toMatch(/^Received action demo\.(subscribe|cancel)/)
      if (text.includes('subscribe')) expect(text).toContain('"email": "a@b.c"')
    }
  })

  it('retry re-runs the last human message and replaces the last answer', async () => {
    const { secret, threadId } = await ask('first question')
    const before = await messages(secret, threadId)
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { retry: true })
    const envs = envelopesOf(await res.text())
    expect(eventsNamed(envs, 'on_conversation_start')[0].userMessage!.id).toBe(before[0].id)
    const after = await messages(secret, threadId)
    expect(after).toHaveLength(2)
    expect(after[1].id).not.toBe(before[1].id)
    expect(after[1].content[0].text).toBe(planDemoAnswer('first question').answer)
  })
})

describe('demo agent interrupts and resumes', () => {
  it('client: interrupts with get_host_info, then continues the same message quoting the result', async () => {
    const { secret, threadId, envs } = await ask('client info')
    const [intr] = eventsNamed(envs, 'on_interrupt')
    const call = (intr.tasks[0].interrupts[0].value as ClientToolRequest).clientToolCalls[0]
    expect(call).toMatchObject({ name: 'get_host_info', args: { fields: ['title'] } })
    expect(endOf(envs)).toMatchObject({ status: 'interrupted' })
    expect(envs.at(-1)).toMatchObject({ type: 'event', event: 'on_conversation_end', data: { status: 'interrupted' } })
    const aiId = eventsNamed(envs, 'on_message_start')[0].id
    expect((await (await s.call(secret, 'GET', `/threads/${threadId}`)).json()).status).toBe('interrupted')

    const r = await resume(secret, threadId, {
      toolMessages: [{ tool_call_id: call.id, name: 'get_host_info', content: '{"title":"Pricing"}', status: 'success' }],
    })
    expect(r.status).toBe(200)
    expect(eventsNamed(r.envs, 'on_message_start')[0].id).toBe(aiId)
    expect(textOf(r.envs)).toContain('{"title":"Pricing"}')
    expect(endOf(r.envs)).toMatchObject({ status: 'idle' })
    const stored = await messages(secret, threadId)
    expect(stored).toHaveLength(2)
    expect(stored[1]).toMatchObject({ id: aiId, status: 'success' })
    const full = stored[1].content
      .filter((p: any) => p.type === 'text')
      .map((p: any) => p.text)
      .join('')
    expect(full.startsWith(textOf(envs))).toBe(true)
    expect(full).toContain('{"title":"Pricing"}')
  })

  it('approve: HITL request; edit resumes with the edited args verbatim as JSON', async () => {
    const { secret, threadId, envs } = await ask('approve this')
    const value = eventsNamed(envs, 'on_interrupt')[0].tasks[0].interrupts[0].value as HITLRequest
    expect(value.actionRequests[0]).toMatchObject({ name: 'send_email', args: { to: 'team@example.com', subject: 'Q2 report' } })
    expect(value.reviewConfigs[0]).toEqual({ actionName: 'send_email', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] })
    const args = { to: 'boss@example.com', subject: 'Q3' }
    const r = await resume(secret, threadId, { decisions: [{ type: 'edit', editedAction: { name: 'send_email', args } }] })
    expect(textOf(r.envs)).toContain('Decision: edit')
    expect(textOf(r.envs)).toContain(JSON.stringify(args))
  })

  it('confirm: tool-call confirmation; approve runs the tool, reject does not', async () => {
    for (const type of ['approve', 'reject'] as const) {
      const { secret, threadId, envs } = await ask('confirm delete')
      const value = eventsNamed(envs, 'on_interrupt')[0].tasks[0].interrupts[0].value as ToolCallRequest
      expect(value.toolCalls[0]).toMatchObject({ name: 'delete_file', args: { path: '/tmp/x' } })
      const r = await resume(secret, threadId, { decisions: [{ type }] })
      const steps = partsOf(r.envs, 'component')
      expect(steps.length).toBe(type === 'approve' ? 2 : 0)
      expect(textOf(r.envs)).toMatch(type === 'approve' ? /Confirmed/ : /Rejected/)
    }
  })

  it('refuses a resume with no interrupt (409) and a malformed resume (400)', async () => {
    const { secret, threadId } = await ask('hello')
    expect((await resume(secret, threadId, { decisions: [{ type: 'approve' }] })).status).toBe(409)
    const bad = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { command: { resume: { decisions: [{ type: 'maybe' }] } } } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/^input\.command\.resume\.decisions\[0\]\.type:/)
  })
})
