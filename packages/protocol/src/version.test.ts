import { describe, expect, it } from 'vitest'
import { checkProtocolVersion, PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'

describe('checkProtocolVersion', () => {
  it('accepts equal and minor-skewed versions', () => {
    expect(checkProtocolVersion(PROTOCOL_VERSION, PROTOCOL_VERSION)).toEqual({ ok: true })
    expect(checkProtocolVersion('1.0.0', '1.1.0')).toEqual({ ok: true })
    expect(checkProtocolVersion('1.2.0', '1.1.3')).toEqual({ ok: true })
  })
  it('rejects a major mismatch and names both versions', () => {
    const r = checkProtocolVersion('1.0.0', '2.0.0')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/host 1\.0\.0.*frame 2\.0\.0/)
  })
  it('rejects unreadable versions', () => {
    expect(checkProtocolVersion('1.0', '1.0.0').ok).toBe(false)
    expect(checkProtocolVersion(undefined, '1.0.0').ok).toBe(false)
  })
})
