import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from './testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ maxBodyBytes: 2048 })))
afterAll(() => s.close())

const sessionUrl = () => `${s.api}/v1/chatkit/sessions`
const auth = { authorization: `Bearer ${API_KEY}` }

describe('errors are JSON with the right status', () => {
  it('400 for malformed JSON', async () => {
    const res = await fetch(sessionUrl(), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"user":' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect((await res.json()).error).toMatchObject({ code: 'invalid_json' })
  })

  it('415 for a non-JSON content type', async () => {
    const res = await fetch(sessionUrl(), { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' })
    expect(res.status).toBe(415)
    expect((await res.json()).error.code).toBe('unsupported_media_type')
  })

  it('413 for a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ user: 'x'.repeat(4000) })
    const res = await fetch(sessionUrl(), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: big })
    expect(res.status).toBe(413)
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big))
        c.close()
      },
    })
    const chunked = await fetch(sessionUrl(), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect((await chunked.json()).error.code).toBe('payload_too_large')
  })

  it('404 JSON for unknown routes, inside and outside the base path', async () => {
    for (const path of ['/api/ai/nope', '/api/ai', '/elsewhere', '/api/aix/threads']) {
      const res = await fetch(`${s.server.url}${path}`)
      expect(res.status, path).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })

  it('405 with Allow for a known path and a wrong method', async () => {
    const res = await fetch(`${s.api}/threads`, { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect((await res.json()).error.code).toBe('method_not_allowed')
  })
})

describe('CORS', () => {
  it('answers a preflight from an allowed origin and exposes x-run-id', async () => {
    const res = await fetch(`${s.api}/threads`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8788', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8788')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/)
    const get = await fetch(`${s.api}/nope`, { headers: { origin: 'http://127.0.0.1:8788' } })
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8788')
    expect(get.headers.get('access-control-expose-headers')).toMatch(/x-run-id/)
  })

  it('refuses a preflight from another origin and adds no CORS headers for it', async () => {
    const res = await fetch(`${s.api}/threads`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const get = await fetch(`${s.api}/nope`, { headers: { origin: 'http://evil.example' } })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })
})
