import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ keepAliveMs: 40, delayMs: 2 })))
afterAll(() => s.close())

describe('run streams say their keep-alive interval (a client tells a stall from a quiet answer)', () => {
  it('the start and the rejoin carry x-keep-alive-ms (exposed to the frame by CORS), and keep-alives come that often', async () => {
    const secret = await s.session()
    const thread = await s.thread(secret)
    const res = await s.call(secret, 'POST', `/threads/${thread}/runs/stream`, s.runBody('hello'), { origin: 'http://127.0.0.1:8788' })
    expect(res.headers.get('x-keep-alive-ms')).toBe('40')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-keep-alive-ms/)
    const runId = res.headers.get('x-run-id')!
    const text = await res.text()
    expect(text).toMatch(/^: keep-alive$/m)
    const join = await s.call(secret, 'GET', `/threads/${thread}/runs/${runId}/stream`, undefined, { 'last-event-id': '1-0' })
    expect(join.status).toBe(200)
    expect(join.headers.get('x-keep-alive-ms')).toBe('40')
    await join.text()
  })
})
