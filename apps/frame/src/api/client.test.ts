import { describe, expect, it, vi } from 'vitest'
import { ApiClient } from './client.js'
import { ClientSecrets } from './secrets.js'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

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
    const results = await Promise.all([
      c.json('GET', '/threads/a'),
      c.json('GET', '/threads/b'),
      c.json('POST', '/threads', { body: {} }),
    ])
    expect(results).toHaveLength(3)
    expect(source.mock.calls).toEqual([[null], ['cs-x-old']])
    expect(api.calls).toHaveLength(6)
    expect(api.calls.slice(3).every((r) => r.headers.get('authorization') === 'Bearer cs-x-new')).toBe(true)
  })

  it('a 401 after the refresh surfaces a client_secret error, with no loop', async () => {
    const api = fakeApi(new Set())
    const source = vi.fn(async (current: string | null) => (current === null ? 'cs-x-1' : 'cs-x-2'))
    const c = client(source, api.fetchImpl)
    await expect(c.json('GET', '/threads/a')).rejects.toMatchObject({
      code: 'client_secret',
      status: 401,
      message: expect.stringContaining('client secret expired'),
    })
    expect(source).toHaveBeenCalledTimes(2)
    expect(api.calls).toHaveLength(2)
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

  it('rejects a malformed secret without echoing it', async () => {
    const c = client(async () => ({ token: 'leak-me' }), fakeApi(new Set()).fetchImpl)
    const err = await c.json('GET', '/x').catch((e: Error) => e)
    expect(err).toMatchObject({ code: 'client_secret' })
    expect(String((err as Error).message)).not.toContain('leak-me')
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
