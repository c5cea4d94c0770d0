import { describe, expect, it } from 'vitest'
import { parseDomainKeyFlags } from './domain-key-flags.js'

const fail = (m: string) => new Error(m)

describe('--domain-key / CHATKIT_DOMAIN_KEYS', () => {
  it('reads repeated flags, or the environment when no flag is given', () => {
    expect(parseDomainKeyFlags(['k1=https://a.example,https://b.example', 'k2=https://c.example'], 'ignored=https://x.example', fail)).toEqual({
      k1: ['https://a.example', 'https://b.example'],
      k2: ['https://c.example'],
    })
    expect(parseDomainKeyFlags(undefined, 'k1=https://a.example; k2=https://b.example https://c.example', fail)).toEqual({
      k1: ['https://a.example'],
      k2: ['https://b.example', 'https://c.example'],
    })
    expect(parseDomainKeyFlags(undefined, undefined, fail)).toEqual({})
  })

  it('refuses entries without a key or origins, and a key given twice', () => {
    expect(() => parseDomainKeyFlags(['https://a.example'], undefined, fail)).toThrow(/expected <key>=<origin,origin>/)
    expect(() => parseDomainKeyFlags(['k='], undefined, fail)).toThrow(/expected <key>=<origin,origin>/)
    expect(() => parseDomainKeyFlags(['k=https://a.example', 'k=https://b.example'], undefined, fail)).toThrow(/given twice/)
  })
})
