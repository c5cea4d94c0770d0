import { describe, expect, it, vi } from 'vitest'
import { ApiClient } from './client.js'
import { ClientSecrets } from './secrets.js'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A fake API that accepts exactly the secrets in `valid` and records every request. */
function fakeApi(valid: Set<string>) {
  const calls: { url: string; headers: Headers }[] = []
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers)
    calls.push({ url: String(url), headers })
    // Let concurrent requests interleave, as real network requests do.
    await new Promise((r) => setTimeout(r, 5))
    const secret = headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
    if (!valid.has(secret)) return json(401, { error: { code: 'unauthorized', message: 'client secret expired' } })
    return json(200, { thread_id: 't1', secret_seen: secret === headers.get('x-api-key') })
  })
  return { fetchImpl: fetchImpl as unknown as typeof fetch, calls }
}

function client(source: (current: string | null) => Promise<unknown>, fetchImpl: typeof fetch) {
  const secrets = new ClientSecrets(source as never)
  return new ApiClient(() => ({ baseUrl: 'http://127.0.0.1:8787/api/ai/', language: 'fr-FR' }), secrets, fetchImpl)
}

describe('ApiClient auth', () => {
  it('sends Bearer, x-api-key, Accept-Language and organization-id; never puts the secret in the URL', async () => {
    const api = fakeApi(new Set(['cs-x-1']))
    const c = client(async () => ({ secret: 'cs-x-1', organizationId: 'org-9' }), api.fetchImpl)
    expect(await c.json('GET', '/threads/t1')).toEqual({ thread_id: 't1', secret_seen: true })
    const { url, headers } = api.calls[0]
    expect(url).toBe('http://127.0.0.1:8787/api/ai/threads/t1')
    expect(url).not.toContain('cs-x-1')
    expect(headers.get('authorization')).toBe('Bearer cs-x-1')
    expect(headers.get('x-api-key')).toBe('cs-x-1')
    expect(headers.get('accept-language')).toBe('fr-FR')
    expect(headers.get('organization-id')).toBe('org-9')
  })

  it('three concurrent requests that hit 401 share ONE refresh and all succeed on retry', async () => {
    const valid = new Set(['cs-x-new'])
    const api = fakeApi(valid)
    const source = vi.fn(async (current: string | null) => {
      await new Promise((r) => setTimeout(r, 10))
      return current === null ? 'cs-x-old' : 'cs-x-new'
    })
    const c = client(source, api.fetchImpl)
    // Warm up: the first secret (null → old) is fetched once, shared by all three.
    const results = await Promise.all([c.json('GET', '/threads/a'), c.json('GET', '/threads/b'), c.json('POST', '/threads', { body: {} })])
    expect(results).toHaveLength(3)
    expect(source.mock.calls).toEqual([[null], ['cs-x-old']])
    expect(api.calls).toHaveLength(6)
    expect(api.calls.slice(3).every((r) => r.headers.get('authorization') === 'Bearer cs-x-new')).toBe(true)
  })

  it('a 401 to a secret fresh from the host is reported once; the request waits for Retry, then succeeds', async () => {
    const valid = new Set<string>()
    const api = fakeApi(valid)
    let n = 0
    const source = vi.fn(async () => `cs-x-${++n}`)
    const problems: unknown[] = []
    const secrets = new ClientSecrets(source, { onProblem: (p) => problems.push(p && { code: p.code, message: p.message }) })
    const c = new ApiClient(() => ({ baseUrl: 'http://127.0.0.1:8787/api/ai', language: 'en' }), secrets, api.fetchImpl)
    let settled = false
    const req = c.json('POST', '/threads', { body: {} }).finally(() => (settled = true))
    await vi.waitFor(() => expect(problems).toHaveLength(1))
    expect(problems[0]).toEqual({ code: 'client_secret', message: expect.stringContaining('client secret expired') })
    expect(problems[0]).toEqual({ code: 'client_secret', message: expect.stringContaining('api.getClientSecret') })
    // One refresh, no loop: once the problem is reported the request waits for Retry; the host was
    // asked twice (first secret, refresh), the API twice.
    expect(settled).toBe(false)
    expect(source).toHaveBeenCalledTimes(2)
    expect(api.calls).toHaveLength(2)
    // The host works again: Retry asks once more and the same request goes through, once.
    valid.add('cs-x-3')
    secrets.retry()
    expect(await req).toMatchObject({ thread_id: 't1' })
    expect(problems).toEqual([problems[0], null])
    expect(source).toHaveBeenCalledTimes(3)
    expect(api.calls.map((r) => r.headers.get('x-api-key'))).toEqual(['cs-x-1', 'cs-x-2', 'cs-x-3'])
  })

  it('a secret that expired between requests costs one refresh and one resend, and reports nothing', async () => {
    const valid = new Set(['cs-x-1'])
    const api = fakeApi(valid)
    let n = 0
    const source = vi.fn(async () => `cs-x-${++n}`)
    const onProblem = vi.fn()
    const secrets = new ClientSecrets(source, { onProblem })
    const c = new ApiClient(() => ({ baseUrl: 'http://127.0.0.1:8787/api/ai', language: 'en' }), secrets, api.fetchImpl)
    await c.json('POST', '/threads/t1/runs/stream', { body: { n: 1 } })
    valid.clear() // cs-x-1 expires
    valid.add('cs-x-2')
    await c.json('POST', '/threads/t1/runs/stream', { body: { n: 2 } })
    expect(source.mock.calls).toEqual([[null], ['cs-x-1']])
    expect(api.calls.map((r) => r.headers.get('x-api-key'))).toEqual(['cs-x-1', 'cs-x-1', 'cs-x-2'])
    expect(onProblem).not.toHaveBeenCalled()
  })

  it('a request waiting for Retry can be aborted, and sends nothing more', async () => {
    const api = fakeApi(new Set())
    const source = vi.fn(async () => {
      throw new Error('backend down')
    })
    const c = client(source, api.fetchImpl)
    const abort = new AbortController()
    const req = c.json('GET', '/threads/a', { signal: abort.signal })
    await vi.waitFor(() => expect(source).toHaveBeenCalledTimes(1))
    abort.abort()
    await expect(req).rejects.toMatchObject({ name: 'AbortError' })
    expect(api.calls).toHaveLength(0)
  })

  it('uploads (authorized) refresh on 401 and carry the same headers', async () => {
    const seen: string[] = []
    let n = 0
    const c = client(async () => `cs-x-${++n}`, fakeApi(new Set()).fetchImpl)
    const res = await c.authorized('/contexts/file', async (url, headers) => {
      seen.push(`${url} ${headers['x-api-key']}`)
      return { status: headers['x-api-key'] === 'cs-x-2' ? 200 : 401 }
    })
    expect(res.status).toBe(200)
    expect(seen).toEqual(['http://127.0.0.1:8787/api/ai/contexts/file cs-x-1', 'http://127.0.0.1:8787/api/ai/contexts/file cs-x-2'])
  })

  it('extra headers (Last-Event-ID) go along; the auth headers cannot be overridden', async () => {
    const api = fakeApi(new Set(['cs-x-1']))
    const c = client(async () => 'cs-x-1', api.fetchImpl)
    await c.request('GET', '/threads/t/runs/r/stream', { headers: { 'Last-Event-ID': '7', Authorization: 'Bearer forged' } })
    expect(api.calls[0].headers.get('last-event-id')).toBe('7')
    expect(api.calls[0].headers.get('authorization')).toBe('Bearer cs-x-1')
  })

  it('a request that hits 401 after another already refreshed reuses the new secret', async () => {
    const valid = new Set(['cs-x-2'])
    const api = fakeApi(valid)
    let n = 0
    const source = vi.fn(async () => `cs-x-${++n}`)
    const c = client(source, api.fetchImpl)
    await c.json('GET', '/threads/a') // 1 → 401 → refresh → 2
    await c.json('GET', '/threads/b') // uses 2 directly
    expect(source).toHaveBeenCalledTimes(2)
    expect(api.calls.map((r) => r.headers.get('x-api-key'))).toEqual(['cs-x-1', 'cs-x-2', 'cs-x-2'])
  })

  it('a malformed secret is reported without echoing it; no request is sent with it', async () => {
    const problems: { code: string; message: string }[] = []
    const api = fakeApi(new Set())
    const secrets = new ClientSecrets(async () => ({ token: 'leak-me' }) as never, { onProblem: (p) => p && problems.push(p) })
    const c = new ApiClient(() => ({ baseUrl: 'http://127.0.0.1:8787/api/ai', language: 'en' }), secrets, api.fetchImpl)
    void c.json('GET', '/x').catch(() => {})
    await vi.waitFor(() => expect(problems).toHaveLength(1))
    expect(problems[0].code).toBe('client_secret')
    expect(problems[0].message).toContain('an object without a secret')
    expect(problems[0].message).not.toContain('leak-me')
    expect(api.calls).toHaveLength(0)
  })

  it('maps API errors and network failures to coded errors', async () => {
    const notFound = (async () => json(404, { error: { code: 'not_found', message: 'no such thread' } })) as typeof fetch
    await expect(client(async () => 's', notFound).json('GET', '/threads/x')).rejects.toMatchObject({
      code: 'api_error',
      apiCode: 'not_found',
      status: 404,
      message: 'no such thread (HTTP 404)',
    })
    const down = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof fetch
    await expect(client(async () => 's', down).json('GET', '/threads/x')).rejects.toMatchObject({ code: 'network' })
  })
})
