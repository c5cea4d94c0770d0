import { describe, expect, it, vi } from 'vitest'
import { ChatKitError, getCallback, invokeCallback } from '@xpert-ai/chatkit-js'

const noError = () => {
  throw new Error('onError must not be called')
}

describe('getCallback', () => {
  it('finds functions at dotted paths, bound to their object', () => {
    const api = {
      apiUrl: 'u',
      secret: 's',
      getClientSecret() {
        return this.secret
      },
    }
    expect(getCallback({ api }, 'api.getClientSecret')?.()).toBe('s')
    expect(getCallback({ tools: [{ run: () => 7 }] }, 'tools.0.run')?.()).toBe(7)
  })

  it('refuses prototype paths, inherited members, non-functions and junk', () => {
    const options = { api: { apiUrl: 'u' }, x: {} }
    for (const path of ['constructor', '__proto__.toString', 'x.constructor', 'api.toString', 'api.apiUrl', 'api.prototype', '', 'nope.deep']) {
      expect(getCallback(options, path)).toBeUndefined()
    }
    expect(getCallback(options, 42)).toBeUndefined()
    expect(getCallback(null, 'a')).toBeUndefined()
  })
})

describe('invokeCallback', () => {
  it('returns the value as data', async () => {
    const options = { api: { getClientSecret: async (cur: string | null) => `new-${cur}` } }
    expect(await invokeCallback(options, 'api.getClientSecret', ['old'], 1000, noError)).toEqual({ ok: true, value: 'new-old' })
  })

  it('turns a throwing or rejecting callback into an error as data and reports it', async () => {
    const onError = vi.fn()
    const options = {
      a: () => {
        throw new TypeError('boom')
      },
      b: async () => Promise.reject(new ChatKitError('client_secret', 'no session')),
    }
    const r1 = await invokeCallback(options, 'a', [], 1000, onError)
    expect(r1).toEqual({ ok: false, error: { code: 'callback_failed', message: 'a: boom', name: 'TypeError' } })
    const r2 = await invokeCallback(options, 'b', [], 1000, onError)
    expect(r2).toMatchObject({ ok: false, error: { code: 'client_secret', message: 'b: no session' } })
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[0][0]).toBeInstanceOf(ChatKitError)
    expect(onError.mock.calls[1][0]).toMatchObject({ code: 'client_secret' })
  })

  it('times out a callback that never settles', async () => {
    const onError = vi.fn()
    const r = await invokeCallback({ slow: () => new Promise(() => {}) }, 'slow', [], 30, onError)
    expect(r).toEqual({ ok: false, error: { code: 'callback_timeout', message: 'slow: did not settle within 30 ms', name: 'ChatKitError' } })
    expect(onError).toHaveBeenCalledOnce()
  })

  it('refuses unknown paths and prototype paths without calling anything', async () => {
    for (const path of ['missing', 'constructor', '__proto__.constructor', 'a.prototype']) {
      const r = await invokeCallback({ a: () => 1 }, path, [], 1000, noError)
      expect(r).toMatchObject({ ok: false, error: { code: 'not_supported' } })
    }
    expect(await invokeCallback({ a: () => 1 }, 'a', 'not-an-array', 1000, noError)).toMatchObject({ ok: false })
  })

  it('reports a value that cannot cross to the frame instead of failing inside postMessage', async () => {
    const onError = vi.fn()
    const r = await invokeCallback({ f: () => ({ fn: () => {} }) }, 'f', [], 1000, onError)
    expect(r).toMatchObject({ ok: false, error: { code: 'callback_failed' } })
    expect(onError).toHaveBeenCalledOnce()
  })

  it('calls the function in the options it is given (the host passes the current ones)', async () => {
    let options = { cb: () => 'v1' }
    const current = () => options
    expect(await invokeCallback(current(), 'cb', [], 1000, noError)).toEqual({ ok: true, value: 'v1' })
    options = { cb: () => 'v2' }
    expect(await invokeCallback(current(), 'cb', [], 1000, noError)).toEqual({ ok: true, value: 'v2' })
  })
})
