import { afterEach, describe, expect, it } from 'vitest'
import type { Agent } from '../agent/types.js'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { createLogger } from './logger.js'

const failing: Agent = {
  id: 'broken',
  name: 'Broken',
  async *run() {
    yield { type: 'text', text: 'starting' }
    throw new Error('upstream said: Incorrect API key sk-secret')
  },
}

type Line = Record<string, any>

describe('structured logs and request ids', () => {
  let s: TestServer | undefined
  afterEach(async () => s?.close())
  const start = async (extra: Parameters<typeof startTestServer>[0] = {}) => {
    const lines: string[] = []
    const logger = createLogger({ format: 'json', write: (l) => void lines.push(l) })
    s = await startTestServer({ logger, onError: undefined, onWarning: undefined, extraAgents: [failing], ...extra })
    const parsed = () => lines.map((l) => JSON.parse(l) as Line)
    return { server: s, lines, parsed }
  }

  it('an error response: X-Request-Id header = error.request_id = the request line of the JSON log', async () => {
    const { server, lines, parsed } = await start()
    const res = await fetch(`${server.api}/threads/nope`, { headers: { authorization: 'Bearer cs-x-wrong' } })
    expect(res.status).toBe(401)
    const id = res.headers.get('x-request-id')!
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const body = await res.json()
    expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String), request_id: id } })
    const line = parsed().find((l) => l.request_id === id)!
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      msg: 'request',
      request_id: id,
      method: 'GET',
      path: '/api/ai/threads/nope',
      status: 401,
      duration_ms: expect.any(Number),
    })
    // One line per event, each a JSON object.
    expect(lines.every((l) => !l.includes('\n'))).toBe(true)
    // Ids differ per request; successes carry one too.
    const ok = await fetch(`${server.api}/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-api-key-0123456789abcdef', 'content-type': 'application/json' },
      body: '{"assistant":{"id":"demo"},"user":"u"}',
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('x-request-id')).not.toBe(id)
  })

  it('a failed run: the error line carries the request id of the POST that started it and the run id', async () => {
    const { server, parsed } = await start()
    const secret = await server.session('u', 'broken')
    const threadId = (await (await server.call(secret, 'POST', '/threads', {})).json()).thread_id
    const res = await server.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: 'hi' } } })
    const requestId = res.headers.get('x-request-id')!
    const runId = res.headers.get('x-run-id')!
    const text = await res.text()
    const ref = /\(ref ([0-9a-f]+)\)/.exec(text)![1]
    await expect.poll(() => parsed().some((l) => l.msg === 'run ended')).toBe(true)
    const mine = parsed().filter((l) => l.run_id === runId)
    expect(mine.map((l) => l.msg)).toEqual(['run started', `run ${runId}: agent failed (ref ${ref})`, 'run ended'])
    expect(mine.every((l) => l.request_id === requestId && l.thread_id === threadId)).toBe(true)
    const failure = mine[1]
    expect(failure.level).toBe('error')
    expect(failure.error).toMatchObject({ name: 'Error', message: 'upstream said: Incorrect API key sk-secret' })
    expect(mine[2]).toMatchObject({ level: 'warn', status: 'error', duration_ms: expect.any(Number) })
    // The user saw the reference only, never the upstream's text.
    expect(text).not.toContain('sk-secret')
  })

  it('X-Request-Id is kept only from senders trusted with it, and only when well-formed', async () => {
    const { server } = await start({ trustRequestId: (req) => req.headers.get('x-from-proxy') === '1' })
    const get = (headers: Record<string, string>) => fetch(`${server.api}/threads/x`, { headers: { authorization: 'Bearer cs-x-no', ...headers } })
    const trusted = await get({ 'x-request-id': 'lb-42.abc:7', 'x-from-proxy': '1' })
    expect(trusted.headers.get('x-request-id')).toBe('lb-42.abc:7')
    expect((await trusted.json()).error.request_id).toBe('lb-42.abc:7')
    const untrusted = await get({ 'x-request-id': 'lb-42.abc:7' })
    expect(untrusted.headers.get('x-request-id')).not.toBe('lb-42.abc:7')
    const malformed = await get({ 'x-request-id': 'a b"c', 'x-from-proxy': '1' })
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('an error answered by the Node adapter before the handler (413) has an id too', async () => {
    const { server } = await start()
    const res = await fetch(`${server.api}/threads`, {
      method: 'POST',
      headers: { 'content-length': String(11 * 1024 * 1024) },
      body: 'x'.repeat(11 * 1024 * 1024),
    }).catch((e) => e)
    if (res instanceof Error) throw res
    expect(res.status).toBe(413)
    const id = res.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect((await res.json()).error.request_id).toBe(id)
  })
})

describe('createLogger', () => {
  it('text: time LEVEL msg key=value, the error stack below; minLevel drops the rest', () => {
    const out: string[] = []
    const log = createLogger({ format: 'text', minLevel: 'warn', now: () => new Date('2026-01-02T03:04:05.678Z'), write: (l) => void out.push(l) })
    log.log('info', 'request', { status: 200 })
    log.log('warn', 'throttled', { source: '10.0.0.1', note: 'two words' })
    const e = new Error('boom')
    log.log('error', 'run failed', undefined, e)
    expect(out[0]).toBe('2026-01-02T03:04:05.678Z WARN throttled source=10.0.0.1 note="two words"')
    expect(out[1].split('\n')[0]).toBe('2026-01-02T03:04:05.678Z ERROR run failed')
    expect(out[1]).toContain('Error: boom\n    at ')
    expect(out).toHaveLength(2)
  })
})
