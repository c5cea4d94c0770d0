// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { guardWindowMessages, listenToSubFrame } from './window-guard.js'

function deliver(data: unknown, source: Window | null = window.parent): boolean {
  let reached = false
  const later = () => (reached = true)
  window.addEventListener('message', later)
  window.dispatchEvent(new MessageEvent('message', { data, source }))
  window.removeEventListener('message', later)
  return reached
}

describe('window message guard', () => {
  it("lets through the window only the parent's handshake, and only until it completes", () => {
    let connected = false
    const stop = guardWindowMessages(window, () => connected)
    const msg = (type: string) => ({ namespace: 'penpal', channel: 'xpertai-chatkit', type })
    expect(deliver(msg('SYN'))).toBe(true)
    expect(deliver(msg('ACK2'))).toBe(true)
    expect(deliver(msg('SYN'), null)).toBe(false)
    expect(deliver(msg('CALL'))).toBe(false)
    expect(deliver(msg('REPLY'))).toBe(false)
    expect(deliver({ penpal: 'call', methodName: 'setComposerValue' })).toBe(false)
    expect(deliver('not penpal')).toBe(true)
    connected = true
    expect(deliver(msg('SYN'))).toBe(false)
    expect(deliver(msg('ACK2'))).toBe(false)
    expect(deliver('not penpal')).toBe(false)
    stop()
    expect(deliver(msg('CALL'))).toBe(true)
  })

  it("hands a listened-to sub-frame's messages to its handler only (never penpal), until undone", () => {
    const stop = guardWindowMessages(window, () => false)
    const sub = new MessageChannel().port1
    const got: unknown[] = []
    const undo = listenToSubFrame(sub, (d) => got.push(d))
    const syn = { namespace: 'penpal', channel: 'xpertai-chatkit', type: 'SYN' }
    expect(deliver(syn, sub as never)).toBe(false)
    expect(deliver({ jsonrpc: '2.0', method: 'ping', id: 1 }, sub as never)).toBe(false)
    expect(got).toEqual([syn, { jsonrpc: '2.0', method: 'ping', id: 1 }])
    undo()
    expect(deliver({ jsonrpc: '2.0', method: 'ping', id: 2 }, sub as never)).toBe(false)
    expect(got).toHaveLength(2)
    stop()
  })
})
