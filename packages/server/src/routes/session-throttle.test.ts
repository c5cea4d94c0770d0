import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
const warnings: string[] = []
beforeAll(async () => void (s = await startTestServer({ sessionFailureLimit: { perSecond: 0.1, burst: 3 }, onWarning: (m) => void warnings.push(m) })))
afterAll(() => s.close())

/** POST /v1/chatkit/sessions from a given loopback source address (a real socket bound to it). */
function mint(key: string | null, from: string): Promise<{ status: number; body: any; retryAfter?: string }> {
  const { port } = new URL(s.server.url)
  const body = JSON.stringify({ assistant: { id: 'demo' }, user: 'u' })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/api/ai/v1/chatkit/sessions',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      },
      (res) => {
        let text = ''
        res
          .on('data', (c) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), retryAfter: res.headers['retry-after'] as string | undefined }))
      },
    )
    req.on('error', reject).end(body)
  })
}

describe('failed API-key attempts on the session endpoint', () => {
  it('are logged with their source and throttled per source; a throttled source is refused even with the right key', async () => {
    const wrong = 'not-the-api-key-but-long-enough'
    for (let i = 0; i < 3; i++) expect((await mint(i === 0 ? null : wrong, '127.0.0.2')).status).toBe(401)
    expect(warnings).toEqual([
      'POST /v1/chatkit/sessions: no API key from 127.0.0.2',
      'POST /v1/chatkit/sessions: an invalid API key from 127.0.0.2',
      'POST /v1/chatkit/sessions: an invalid API key from 127.0.0.2',
    ])
    const fourth = await mint(wrong, '127.0.0.2')
    expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'too_many_failed_attempts' } }, retryAfter: '10' })
    expect(fourth.body.error.message).toMatch(/^too many failed API-key attempts from this address; retry in 10 s$/)
    // Throttled: the key is not even compared, so a guess cannot be confirmed. Logged once a minute.
    expect((await mint(API_KEY, '127.0.0.2')).status).toBe(429)
    expect(warnings.slice(3)).toEqual(['POST /v1/chatkit/sessions: 127.0.0.2 is throttled after repeated failed API-key attempts (logged once a minute)'])
    // Another source is not affected.
    expect((await mint(API_KEY, '127.0.0.3')).status).toBe(200)
    // The bucket refills: one attempt per 10 s.
    s.clock.advance(10_000)
    expect((await mint(API_KEY, '127.0.0.2')).status).toBe(200)
    expect(warnings.join('\n')).not.toContain(wrong)
  })

  it('counts per the configured clientAddress (e.g. behind a proxy)', async () => {
    const t = await startTestServer({ sessionFailureLimit: { perSecond: 1, burst: 1 }, clientAddress: (r) => r.headers.get('x-real-ip') })
    try {
      const post = (ip: string) =>
        fetch(`${t.api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: 'Bearer wrong-key-long-enough', 'x-real-ip': ip, 'content-type': 'application/json' },
          body: '{}',
        })
      expect((await post('203.0.113.1')).status).toBe(401)
      expect((await post('203.0.113.1')).status).toBe(429)
      expect((await post('203.0.113.2')).status).toBe(401)
    } finally {
      await t.close()
    }
  })
})
