// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { matchOrigin, parseOriginList } from '@xpert-ai/chatkit-protocol'
import { acceptsParent, allowedOriginsFrom, readAllowedOrigins, toPenpalOrigin } from './origins.js'

const CANDIDATES = [
  'http://127.0.0.1:8788',
  'http://127.0.0.1:8789',
  'https://127.0.0.1:8788',
  'http://localhost:8788',
  'https://app.example.com',
  'https://a.b.example.com',
  'https://example.com',
  'https://evilexample.com',
  'https://app.example.com.evil.io',
  'http://app.example.com',
  'https://app.example.com:8443',
  'null',
]

/** What penpal does with `allowedOrigins` (WindowMessenger#isAllowedOrigin). */
const penpalAllows = (list: (string | RegExp)[], origin: string) => list.some((o) => (o instanceof RegExp ? o.test(origin) : o === origin || o === '*'))

describe('allowed parent origins', () => {
  it('agrees with the protocol matchOrigin for exact, wildcard and * lists', () => {
    for (const list of ['http://127.0.0.1:8788', 'https://*.example.com', 'https://*.example.com:8443 http://127.0.0.1:8788', '*']) {
      const r = allowedOriginsFrom(list)
      if (!r.ok) throw new Error(r.reason)
      for (const origin of CANDIDATES) {
        expect(penpalAllows(r.origins, origin), `${list} vs ${origin}`).toBe(matchOrigin(parseOriginList(list), origin))
      }
    }
  })

  it('keeps exact origins as strings and anchors wildcard RegExps', () => {
    expect(toPenpalOrigin('http://127.0.0.1:8788')).toBe('http://127.0.0.1:8788')
    const re = toPenpalOrigin('https://*.example.com') as RegExp
    expect(re.source.startsWith('^') && re.source.endsWith('$')).toBe(true)
  })

  it('refuses a missing meta, an empty list or a malformed entry, with a reason', () => {
    expect(readAllowedOrigins(document)).toMatchObject({ ok: false, reason: expect.stringContaining('chatkit-allowed-origins') })
    expect(allowedOriginsFrom('   ')).toMatchObject({ ok: false, reason: expect.stringContaining('empty') })
    expect(allowedOriginsFrom('example.com')).toMatchObject({ ok: false, reason: expect.stringContaining('invalid origin') })
    const meta = document.createElement('meta')
    meta.name = 'chatkit-allowed-origins'
    meta.content = 'http://127.0.0.1:8788'
    document.head.append(meta)
    expect(readAllowedOrigins(document)).toEqual({ ok: true, origins: ['http://127.0.0.1:8788'] })
  })
})

describe('acceptsParent (the hint behind the host SDK early origin_not_allowed)', () => {
  const allowed = allowedOriginsFrom('https://app.example.com https://*.example.org')
  const loc = (ancestors: string[] | undefined) => ({ ancestorOrigins: ancestors }) as unknown as Location
  it('checks the parent origin from ancestorOrigins, else the referrer; unknown counts as accepted', () => {
    expect(acceptsParent(allowed, loc(['https://app.example.com']))).toBe(true)
    expect(acceptsParent(allowed, loc(['https://a.b.example.org']))).toBe(true)
    expect(acceptsParent(allowed, loc(['https://evil.example.net']))).toBe(false)
    expect(acceptsParent(allowed, loc(undefined), 'https://evil.example.net/page')).toBe(false)
    expect(acceptsParent(allowed, loc(undefined), 'https://app.example.com/')).toBe(true)
    expect(acceptsParent(allowed, loc(undefined), '')).toBe(true)
    expect(acceptsParent(allowedOriginsFrom(''), loc(['https://app.example.com']))).toBe(false)
  })
})
