import { describe, expect, it } from 'vitest'
import { isForeignPenpalMessage } from './window-messages.js'

const v7 = (type: unknown) => ({ namespace: 'penpal', channel: 'xpertai-chatkit', type })

describe('isForeignPenpalMessage', () => {
  it('passes the handshake only while it is open, and never anything else penpal-shaped', () => {
    for (const t of ['SYN', 'ACK1', 'ACK2']) {
      expect(isForeignPenpalMessage(v7(t), true)).toBe(false)
      expect(isForeignPenpalMessage(v7(t), false)).toBe(true)
    }
    for (const t of ['CALL', 'REPLY', 'DESTROY', 'BOGUS', 7, null, {}]) expect(isForeignPenpalMessage(v7(t), true)).toBe(true)
    expect(isForeignPenpalMessage({ penpal: 'syn' }, true)).toBe(true)
    expect(isForeignPenpalMessage(Object.assign(Object.create(null), { penpal: 1 }), true)).toBe(true)
  })

  it('leaves everything else to whoever listens', () => {
    for (const d of [null, undefined, 'SYN', 42, [], { namespace: 'other', type: 'CALL' }, new ArrayBuffer(8), new Map()]) {
      expect(isForeignPenpalMessage(d, false)).toBe(false)
    }
  })
})
