import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, parseAppConfig } from './config.js'
import { createFrameHandler } from './frame-static.js'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/tmp')
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-api-origins-'))
writeFileSync(join(tmp, 'index.html'), '<!doctype html><html><head><title>f</title></head><body></body></html>')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('--api-origins / CHATKIT_API_ORIGINS', () => {
  it('defaults to none; flag or env; checked origins; never *', () => {
    expect(parse([])).toMatchObject({ apiOrigins: [] })
    expect(parse([], { CHATKIT_API_ORIGINS: 'https://api.example.com, https://*.corp.example' })).toMatchObject({
      apiOrigins: ['https://api.example.com', 'https://*.corp.example'],
    })
    expect(parse(['--api-origins', 'https://a.example.com'])).toMatchObject({ apiOrigins: ['https://a.example.com'] })
    expect(() => parse(['--api-origins', '*'])).toThrow(ConfigError)
    expect(() => parse(['--api-origins', '*'])).toThrow(/--api-origins \/ CHATKIT_API_ORIGINS: '\*' would let the frame send the session secret anywhere/)
    expect(() => parse(['--api-origins', 'api.example.com'])).toThrow(/--api-origins \/ CHATKIT_API_ORIGINS: invalid origin/)
    expect(() => parse([], { CHATKIT_API_ORIGINS: 'app.example.com/path' })).toThrow(/--api-origins \/ CHATKIT_API_ORIGINS: invalid origin/)
  })

  it("become the frame CSP's connect-src (after 'self') and the frame's api-origins meta", async () => {
    const serve = createFrameHandler(tmp, ['https://app.example.com'], { apiOrigins: ['https://api.example.com'] })
    const res = await serve(new Request('http://127.0.0.1:1/chatkit/'))
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://api.example.com;")
    expect(await res.text()).toContain('<meta name="chatkit-api-origins" content="https://api.example.com">')
    const none = await createFrameHandler(tmp, ['https://app.example.com'])(new Request('http://127.0.0.1:1/chatkit/'))
    expect(none.headers.get('content-security-policy')).toContain("connect-src 'self';")
  })
})
