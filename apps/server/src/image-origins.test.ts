import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, parseAppConfig } from './config.js'
import { createFrameHandler } from './frame-static.js'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/tmp')
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-image-origins-'))
mkdirSync(tmp, { recursive: true })
writeFileSync(join(tmp, 'index.html'), '<!doctype html><html><head><title>f</title></head><body></body></html>')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  )
}

describe('--image-origins / CHATKIT_IMAGE_ORIGINS', () => {
  it('defaults to none; the flag wins over the env; entries are checked origins', () => {
    expect(parse([])).toMatchObject({ imageOrigins: [] })
    expect(parse([], { CHATKIT_IMAGE_ORIGINS: 'https://img.example.com, https://*.cdn.example.net' })).toMatchObject({
      imageOrigins: ['https://img.example.com', 'https://*.cdn.example.net'],
    })
    expect(parse(['--image-origins', 'https://a.example.com'], { CHATKIT_IMAGE_ORIGINS: 'https://b.example.com' })).toMatchObject({
      imageOrigins: ['https://a.example.com'],
    })
  })

  it("refuses '*' and malformed entries with a clear message", () => {
    expect(() => parse(['--image-origins', '*'])).toThrow(ConfigError)
    expect(() => parse(['--image-origins', '*'])).toThrow(/--image-origins.*'\*' would let any answer/)
    expect(() => parse(['--image-origins', '*'], { CHATKIT_DEV_ALLOW_ANY_ORIGIN: '1' })).toThrow(ConfigError)
    for (const bad of ['https:', 'img.example.com', 'https://img.example.com/path', 'javascript:alert(1)']) {
      expect(() => parse([], { CHATKIT_IMAGE_ORIGINS: bad }), bad).toThrow(/CHATKIT_IMAGE_ORIGINS: invalid origin/)
    }
  })
})

describe('the frame CSP img-src and image meta', () => {
  it('allow only the frame origin, data:, blob: (attachment previews) and the configured origins — never a network scheme', async () => {
    for (const images of [[], ['https://img.example.com', 'https://*.cdn.example.net']]) {
      const serve = createFrameHandler(tmp, ['https://app.example.com'], { imageOrigins: images })
      for (const path of ['/chatkit/', '/chatkit/missing.png']) {
        const res = await serve(new Request('http://127.0.0.1:1' + path))
        const csp = directives(res.headers.get('content-security-policy')!)
        expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', ...images])
        expect(csp.get('default-src')).toEqual(["'none'"])
        // No directive that can load anything names a bare scheme or a wildcard host.
        for (const [name, values] of csp) {
          for (const v of values) expect(`${name} ${v}`).not.toMatch(/ (?:https?:|\*)$/)
        }
      }
      const html = await (await serve(new Request('http://127.0.0.1:1/chatkit/'))).text()
      expect(html).toContain(`<meta name="chatkit-image-origins" content="${images.join(' ')}">`)
      expect(html).toContain('<meta name="chatkit-allowed-origins" content="https://app.example.com"></head>')
    }
  })
})
