import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer()))
afterAll(() => s.close())

function post(body: unknown, auth: string | null = `Bearer ${API_KEY}`) {
  return fetch(`${s.api}/v1/chatkit/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

describe('POST /v1/chatkit/sessions', () => {
  it('mints a cs-x- secret with the default 600 s TTL', async () => {
    const res = await post({ assistant: { id: 'demo' }, user: 'u1' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.client_secret).toMatch(/^cs-x-[0-9a-f]{64}$/)
    expect(body.expires_after).toBe(600)
    expect(body.expires_at).toBe(Math.floor(s.clock.now() / 1000) + 600)
  })

  it('honors expires_after and never stores the secret itself', async () => {
    const res = await post({ assistant: { id: 'demo' }, user: 'u1', expires_after: 30 })
    const body = await res.json()
    expect(body.expires_after).toBe(30)
    const rows = s.store.db.prepare('SELECT secret_hash FROM sessions').all() as { secret_hash: string }[]
    expect(rows.some((r) => r.secret_hash.includes(body.client_secret.slice(5)))).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.secret_hash))).toBe(true)
  })

  it.each([
    ['missing', null],
    ['wrong', 'Bearer not-the-key-but-long-enough'],
    ['a client secret', 'Bearer cs-x-' + '0'.repeat(64)],
  ])('rejects a %s API key with 401 JSON', async (_, auth) => {
    const res = await post({ assistant: { id: 'demo' }, user: 'u1' }, auth)
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('unauthorized')
  })

  it.each([
    [{ user: 'u1' }, 'assistant'],
    [{ assistant: { id: '' }, user: 'u1' }, 'assistant.id'],
    [{ assistant: { id: 'demo' } }, 'user'],
    [{ assistant: { id: 'demo' }, user: 'u1', expires_after: 0 }, 'expires_after'],
    [{ assistant: { id: 'demo' }, user: 'u1', expires_after: 86_401 }, 'expires_after'],
    [{ assistant: { id: 'demo' }, user: 'u1', expires_after: 1.5 }, 'expires_after'],
    [[1, 2], 'request body'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect((await res.json()).error.message.startsWith(`${field}:`)).toBe(true)
  })

  it('rejects an unknown assistant with 404 naming assistant.id', async () => {
    const res = await post({ assistant: { id: 'nope' }, user: 'u1' })
    expect(res.status).toBe(404)
    expect((await res.json()).error.message).toMatch(/^assistant\.id:/)
  })

  it('gives 401 to an expired client secret, and accepts it before expiry', async () => {
    const secret = await s.session('u-exp', 'demo', { expires_after: 60 })
    expect((await s.call(secret, 'POST', '/threads', {})).status).toBe(200)
    s.clock.advance(60_000)
    const res = await s.call(secret, 'POST', '/threads', {})
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'invalid or expired client secret', request_id: expect.any(String) } })
  })

  it('accepts the secret in x-api-key as the XpertAI frame sends it', async () => {
    const secret = await s.session('u-x')
    const res = await fetch(`${s.api}/threads`, { method: 'POST', headers: { 'x-api-key': secret } })
    expect(res.status).toBe(200)
  })

  it('gives 401 without a secret and to the API key used as a secret', async () => {
    expect((await fetch(`${s.api}/threads`, { method: 'POST' })).status).toBe(401)
    expect((await s.call(API_KEY, 'POST', '/threads', {})).status).toBe(401)
  })
})
