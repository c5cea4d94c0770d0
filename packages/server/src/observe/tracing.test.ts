import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agent } from '../agent/types.js'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { Attr, SpanNames } from './tracing.js'

/** An agent that calls one tool (which succeeds) and another (which fails), then answers. */
const toolAgent: Agent = {
  id: 'tools',
  name: 'Tools',
  async *run() {
    yield { type: 'tool_start', id: 't1', name: 'lookup', input: { q: 'x' } }
    yield { type: 'tool_end', id: 't1', output: 'found' }
    yield { type: 'tool_start', id: 't2', name: 'fetch_page', input: {} }
    yield { type: 'tool_end', id: 't2', error: 'upstream 502' }
    for (const t of ['the ', 'answer']) yield { type: 'text', text: t }
  },
}

describe('OpenTelemetry traces', () => {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const contextManager = new AsyncLocalStorageContextManager()
  let s: TestServer
  beforeAll(async () => {
    // What an SDK setup (NodeSDK, NodeTracerProvider.register) does: parents follow async work.
    context.setGlobalContextManager(contextManager.enable())
    s = await startTestServer({ tracer: provider.getTracer('chatkit-test'), extraAgents: [toolAgent] })
  })
  afterAll(async () => {
    await s.close()
    contextManager.disable()
    context.disable()
    await provider.shutdown()
  })

  it('one run: request → run → agent → tool calls, with store and event-log spans under the run, all carrying the run id', async () => {
    const secret = await s.session('u', 'tools')
    const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
    exporter.reset()
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: 'go' } } })
    expect(res.status).toBe(200)
    const runId = res.headers.get('x-run-id')!
    const requestId = res.headers.get('x-request-id')!
    expect(await res.text()).toContain('on_conversation_end')
    // The run span ends once the engine is done with the run (just after its stream closed).
    await expect.poll(() => exporter.getFinishedSpans().some((x) => x.name === SpanNames.run), { timeout: 5000 }).toBe(true)
    const spans = exporter.getFinishedSpans()
    const one = (name: string) => {
      const found = spans.filter((x) => x.name === name)
      expect(found, name).toHaveLength(1)
      return found[0]
    }
    const parentOf = (x: ReadableSpan) => spans.find((p) => p.spanContext().spanId === x.parentSpanContext?.spanId)
    const request = one(`${SpanNames.request} POST`)
    const run = one(SpanNames.run)
    const agent = one(SpanNames.agent)
    const lookup = one(`${SpanNames.tool} lookup`)
    const failed = one(`${SpanNames.tool} fetch_page`)

    expect(request.attributes[Attr.requestId]).toBe(requestId)
    expect(request.attributes['http.response.status_code']).toBe(200)
    expect(run.attributes).toMatchObject({ [Attr.runId]: runId, [Attr.threadId]: threadId, [Attr.assistantId]: 'tools', [Attr.status]: 'success' })
    expect(agent.attributes[Attr.runId]).toBe(runId)
    expect(parentOf(run)).toBe(request)
    expect(parentOf(agent)).toBe(run)
    expect(parentOf(lookup)).toBe(agent)
    expect(parentOf(failed)).toBe(agent)
    expect(lookup.attributes).toMatchObject({ [Attr.tool]: 'lookup', [Attr.runId]: runId })
    expect(lookup.status.code).toBe(0)
    expect(failed.status).toMatchObject({ code: 2, message: 'upstream 502' })

    // Store operations and event-log appends made while the run executes sit under its span.
    const under = (x: ReadableSpan, top: ReadableSpan): boolean => x === top || (parentOf(x) !== undefined && under(parentOf(x)!, top))
    const storeInRun = spans.filter((x) => x.name.startsWith(SpanNames.store + ' ') && under(x, run)).map((x) => x.attributes[Attr.op])
    expect(storeInRun).toEqual(expect.arrayContaining(['messages.update', 'runs.setStatus', 'threads.setStatus']))
    const appends = spans.filter((x) => x.name === `${SpanNames.eventLog} append` && under(x, run))
    expect(appends.length).toBeGreaterThanOrEqual(5)
    expect(appends.every((x) => x.attributes[Attr.runId] === runId)).toBe(true)
    // The request's own store work (auth, thread lookup, run record) is under the request.
    expect(spans.filter((x) => x.name === `${SpanNames.store} sessions.findByHash`).every((x) => under(x, request))).toBe(true)
    // One trace for all of it.
    expect(new Set(spans.filter((x) => under(x, request)).map((x) => x.spanContext().traceId)).size).toBe(1)
  })

  it('without a tracer nothing is traced, even with an SDK registered globally (off unless configured)', async () => {
    const plain = await startTestServer()
    trace.setGlobalTracerProvider(provider)
    try {
      exporter.reset()
      const secret = await plain.session()
      const threadId = await plain.thread(secret)
      const res = await plain.call(secret, 'POST', `/threads/${threadId}/runs/stream`, plain.runBody('hi'))
      expect(await res.text()).toContain('on_conversation_end')
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      expect(exporter.getFinishedSpans()).toEqual([])
    } finally {
      trace.disable()
      await plain.close()
    }
  })
})
