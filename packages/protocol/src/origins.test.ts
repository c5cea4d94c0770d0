import { describe, expect, it } from 'vitest'
import { matchOrigin, parseOriginList } from '@xpert-ai/chatkit-protocol'

describe('origin allowlists', () => {
  it('parses comma and space separated lists', () => {
    expect(parseOriginList('http://127.0.0.1:8788, https://*.Example.com/ *')).toEqual(['http://127.0.0.1:8788', 'https://*.example.com', '*'])
  })
  it('rejects malformed entries with a clear message', () => {
    expect(() => parseOriginList('example.com')).toThrow(/invalid origin "example.com"/)
    expect(() => parseOriginList('https://a.com/path')).toThrow(/invalid origin/)
    expect(() => parseOriginList('https://*.com')).toThrow(/invalid origin/)
  })
  it('matches exact origins, scheme and port included', () => {
    const p = parseOriginList('http://127.0.0.1:8788')
    expect(matchOrigin(p, 'http://127.0.0.1:8788')).toBe(true)
    expect(matchOrigin(p, 'http://127.0.0.1:8789')).toBe(false)
    expect(matchOrigin(p, 'https://127.0.0.1:8788')).toBe(false)
    expect(matchOrigin(p, 'http://localhost:8788')).toBe(false)
  })
  it('matches wildcard subdomains but not the apex or look-alikes', () => {
    const p = parseOriginList('https://*.example.com')
    expect(matchOrigin(p, 'https://app.example.com')).toBe(true)
    expect(matchOrigin(p, 'https://a.b.example.com')).toBe(true)
    expect(matchOrigin(p, 'https://example.com')).toBe(false)
    expect(matchOrigin(p, 'https://evilexample.com')).toBe(false)
    expect(matchOrigin(p, 'https://app.example.com.evil.io')).toBe(false)
    expect(matchOrigin(p, 'http://app.example.com')).toBe(false)
  })
  it('never matches the opaque origin "null"', () => {
    expect(matchOrigin(['*'], 'null')).toBe(false)
    expect(matchOrigin(['*'], 'https://x.io')).toBe(true)
  })
})
