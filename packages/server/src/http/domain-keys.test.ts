/** `api.domainKey` on a self-hosted server: a key works only from the page origins it was issued for. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { parseDomainKeys } from './domain-keys.js'

let s: TestServer
beforeAll(
  async () =>
    void (s = await startTestServer({
      delayMs: 0,
      allowedOrigins: ['https://app.example'],
      domainKeys: { dk_site_a: ['https://a.example', 'https://*.a.example'] },
    })),
)
afterAll(() => s.close())

const newThread = (secret: string, headers: Record<string, string>) => s.call(secret, 'POST', '/threads', { assistant_id: 'demo' }, headers)

describe('domain keys', () => {
  it('a key is accepted from its own page origins (as the frame reports them, or as the browser sends Origin)', async () => {
    const secret = await s.session('dk-ok')
    expect((await newThread(secret, { 'x-chatkit-domain-key': 'dk_site_a', 'x-chatkit-embedder': 'https://a.example' })).status).toBe(200)
    expect((await newThread(secret, { 'x-chatkit-domain-key': 'dk_site_a', 'x-chatkit-embedder': 'https://shop.a.example' })).status).toBe(200)
    expect((await newThread(secret, { 'x-chatkit-domain-key': 'dk_site_a', origin: 'https://a.example' })).status).toBe(200)
    // No key: the client secret alone decides, as before.
    expect((await newThread(secret, {})).status).toBe(200)
  })

  it('refuses with 403 domain_key_refused a key used from another page, or one it does not know', async () => {
    const secret = await s.session('dk-refused')
    const other = await newThread(secret, { 'x-chatkit-domain-key': 'dk_site_a', 'x-chatkit-embedder': 'https://evil.example' })
    expect(other.status).toBe(403)
    expect((await other.json()).error).toMatchObject({
      code: 'domain_key_refused',
      message: expect.stringContaining('not issued for the page https://evil.example'),
    })
    const none = await newThread(secret, { 'x-chatkit-domain-key': 'dk_site_a' })
    expect((await none.json()).error).toMatchObject({ code: 'domain_key_refused', message: expect.stringContaining('(origin unknown)') })
    const unknown = await newThread(secret, { 'x-chatkit-domain-key': 'dk_guess', 'x-chatkit-embedder': 'https://a.example' })
    expect(unknown.status).toBe(403)
    expect((await unknown.json()).error).toMatchObject({ code: 'domain_key_refused', message: expect.stringContaining('not known to this server') })
  })

  it('the browser may send the key headers cross-origin (CORS preflight allows them)', async () => {
    const res = await fetch(`${s.api}/threads`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-chatkit-domain-key, x-chatkit-embedder',
      },
    })
    expect(res.headers.get('access-control-allow-headers') ?? '').toContain('x-chatkit-domain-key')
  })

  it('bad configuration is refused when the handler is made', () => {
    expect(() => parseDomainKeys({ 'has space': ['https://a.example'] })).toThrow(/printable ASCII/)
    expect(() => parseDomainKeys({ k: [] })).toThrow(/at least one page origin/)
    expect(() => parseDomainKeys({ k: '*' })).toThrow(/restricts nothing/)
    expect(() => parseDomainKeys({ k: 'ftp://x' })).toThrow(/invalid origin/)
  })
})
