import { describe, expect, it } from 'vitest'
import { ConfigError, parseAppConfig } from './config.js'
import { frameSecurityHeaders } from './frame-headers.js'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/tmp')
const connectSrc = (apiOrigins: string[]) => frameSecurityHeaders(['https://app.example.com'], { apiOrigins })['content-security-policy'].split('; ').find((d) => d.startsWith('connect-src'))

describe('--api-origins / CHATKIT_API_ORIGINS (an API mounted in the host app, e.g. Next.js)', () => {
  it('lets the frame connect to those origins besides its own; unset keeps it to its own', () => {
    const c = parse(['--api-origins', 'https://app.example.com'])
    expect(c).toMatchObject({ apiOrigins: ['https://app.example.com'] })
    expect(connectSrc((c as { apiOrigins: string[] }).apiOrigins)).toBe("connect-src 'self' https://app.example.com")
    expect(parse([], { CHATKIT_API_ORIGINS: 'http://127.0.0.1:3000, https://*.example.com' })).toMatchObject({ apiOrigins: ['http://127.0.0.1:3000', 'https://*.example.com'] })
    expect(parse([])).toMatchObject({ apiOrigins: [] })
    expect(connectSrc([])).toBe("connect-src 'self'")
  })

  it('refuses * and malformed origins, naming the setting', () => {
    expect(() => parse(['--api-origins', '*'])).toThrow(ConfigError)
    expect(() => parse(['--api-origins', '*'])).toThrow(/--api-origins \/ CHATKIT_API_ORIGINS: '\*' would let the frame send the session secret anywhere/)
    expect(() => parse([], { CHATKIT_API_ORIGINS: 'app.example.com/path' })).toThrow(/--api-origins \/ CHATKIT_API_ORIGINS: invalid origin/)
  })
})
