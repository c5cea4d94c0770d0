// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { Bridge, ChatKitError } from '@xpert-ai/chatkit-js'
import { fakeFrame } from './fake-frame.test-helper.js'

const ORIGIN = 'http://127.0.0.1:8787'
const options = { frameUrl: ORIGIN + '/chatkit/', api: { apiUrl: 'u', getClientSecret: async () => 'cs-x-1' } }

function setup(frame = fakeFrame(), opts: Record<string, unknown> = options) {
  const target = new EventTarget()
  const events: { type: string; detail: unknown }[] = []
  for (const t of ['chatkit.ready', 'chatkit.error', 'chatkit.response.start', 'chatkit.thread.change', 'chatkit.bogus']) {
    target.addEventListener(t, (e) => events.push({ type: t, detail: (e as CustomEvent).detail }))
  }
  const bridge = new Bridge(target, () => opts, frame.connector)
  return { bridge, frame, events, target }
}

describe('Bridge handshake', () => {
  it('says hello, sends the options (functions as callback paths), then fires ready', async () => {
    const { bridge, frame, events } = setup()
    await bridge.connect(window, ORIGIN)
    expect(frame.links[0]).toMatchObject({ remoteWindow: window, origin: ORIGIN, timeout: 15_000 })
    expect(frame.calls.map((c) => c[0])).toEqual(['hello', 'setOptions'])
    expect(frame.calls[0][1][0]).toMatchObject({ protocolVersion: '1.0.0', capabilities: ['invoke', 'emit', 'fetch'] })
    expect(frame.calls[1][1][0]).toMatchObject({ options: { api: { apiUrl: 'u' } }, callbacks: ['api.getClientSecret'] })
    expect(events.map((e) => e.type)).toEqual(['chatkit.ready'])
    expect(bridge.state).toBe('ready')
  })

  it('fires chatkit.error naming both versions on a major mismatch, and refuses calls', async () => {
    const { bridge, frame, events } = setup(fakeFrame({ hello: { protocolVersion: '2.0.0' } }))
    const queued = bridge.call('focusComposer', []).catch((e) => e)
    await bridge.connect(window, ORIGIN)
    expect(events).toHaveLength(1)
    const error = (events[0].detail as { error: ChatKitError }).error
    expect(error).toBeInstanceOf(ChatKitError)
    expect(error.code).toBe('protocol_mismatch')
    expect(error.message).toContain('host 1.0.0')
    expect(error.message).toContain('frame 2.0.0')
    expect(frame.calls.map((c) => c[0])).toEqual(['hello'])
    expect(await queued).toMatchObject({ code: 'protocol_mismatch', message: expect.stringContaining('focusComposer') })
    await expect(bridge.call('stop', [])).rejects.toMatchObject({ code: 'protocol_mismatch' })
  })

  it('accepts a frame one minor version apart', async () => {
    const { bridge, events } = setup(fakeFrame({ hello: { protocolVersion: '1.3.0' } }))
    await bridge.connect(window, ORIGIN)
    expect(events.map((e) => e.type)).toEqual(['chatkit.ready'])
  })

  it('fires chatkit.error when the frame does not answer in time (never a silent hang)', async () => {
    const { bridge, events } = setup(fakeFrame({ connect: 'never' }), { ...options, connectTimeout: 40 } as never)
    const queued = bridge.call('sendUserMessage', [{ text: 'hi' }]).catch((e) => e)
    const started = Date.now()
    await bridge.connect(window, ORIGIN)
    expect(Date.now() - started).toBeGreaterThanOrEqual(35)
    const error = (events[0].detail as { error: ChatKitError }).error
    expect(error.code).toBe('handshake_timeout')
    expect(error.message).toBe(`the ChatKit frame at ${ORIGIN} did not answer within 40 ms`)
    expect(await queued).toMatchObject({ code: 'handshake_timeout' })
  })

  it('a reconnect (frame reload) replaces the old link and handshakes again', async () => {
    const { bridge, frame, events } = setup()
    await bridge.connect(window, ORIGIN)
    await bridge.connect(window, ORIGIN)
    expect(frame.destroyed).toBe(1)
    expect(frame.calls.map((c) => c[0])).toEqual(['hello', 'setOptions', 'hello', 'setOptions'])
    expect(events.map((e) => e.type)).toEqual(['chatkit.ready', 'chatkit.ready'])
  })
})

describe('Bridge calls', () => {
  it('queues calls made before the handshake and runs them after it, in order', async () => {
    const { bridge, frame } = setup()
    const a = bridge.call('setThreadId', ['t1'])
    const b = bridge.call('sendUserMessage', [{ text: 'hello' }])
    const c = bridge.call('focusComposer', [])
    expect(frame.calls).toEqual([])
    await bridge.connect(window, ORIGIN)
    await Promise.all([a, b, c])
    expect(frame.calls.map((x) => x[0])).toEqual(['hello', 'setOptions', 'setThreadId', 'sendUserMessage', 'focusComposer'])
    expect(frame.calls[3][1]).toEqual([{ text: 'hello' }])
  })

  it('rejects a method the frame lacks, naming it and both protocol versions', async () => {
    const { bridge } = setup(fakeFrame({ hello: { protocolVersion: '1.0.0', capabilities: ['hello', 'setOptions'] } }))
    await bridge.connect(window, ORIGIN)
    const err = (await bridge.call('stop', []).catch((e: unknown) => e)) as ChatKitError
    expect(err).toBeInstanceOf(ChatKitError)
    expect(err.code).toBe('not_supported')
    expect(err.message).toBe('the ChatKit frame does not support stop() (host protocol 1.0.0, frame protocol 1.0.0)')
  })

  it('rejects queued and later calls once destroyed', async () => {
    const { bridge } = setup()
    const queued = bridge.call('fetchUpdates', []).catch((e) => e)
    bridge.destroy()
    expect(await queued).toMatchObject({ code: 'destroyed', message: 'cannot call fetchUpdates(): this ChatKit element was destroyed' })
    await expect(bridge.call('stop', [])).rejects.toMatchObject({ code: 'destroyed' })
    await bridge.connect(window, ORIGIN)
    expect(bridge.state).toBe('destroyed')
  })

  it('passes a frame-side failure back with the method name', async () => {
    const frame = fakeFrame({ handlers: { setThreadId: () => Promise.reject({ code: 'api_error', message: 'thread not found' }) } })
    const { bridge } = setup(frame)
    await bridge.connect(window, ORIGIN)
    await expect(bridge.call('setThreadId', ['nope'])).rejects.toMatchObject({
      code: 'api_error',
      message: 'setThreadId() failed in the ChatKit frame: thread not found',
    })
  })

  it('keeps calls queued across a suspend (frame going away) until the next handshake', async () => {
    const { bridge, frame } = setup()
    await bridge.connect(window, ORIGIN)
    bridge.suspend()
    const p = bridge.call('showHistory', [])
    await Promise.resolve()
    expect(frame.calls.map((c) => c[0])).not.toContain('showHistory')
    await bridge.connect(window, ORIGIN)
    await p
    expect(frame.calls.at(-1)![0]).toBe('showHistory')
  })
})

describe('Bridge host methods (what the frame calls)', () => {
  it('invoke runs the callback from the CURRENT options and errors become data + chatkit.error', async () => {
    const frame = fakeFrame()
    let current: Record<string, unknown> = { ...options, api: { apiUrl: 'u', getClientSecret: async () => 'first' } }
    const target = new EventTarget()
    const errors: unknown[] = []
    target.addEventListener('chatkit.error', (e) => errors.push((e as CustomEvent).detail.error))
    const bridge = new Bridge(target, () => current, frame.connector)
    await bridge.connect(window, ORIGIN)
    const { invoke } = frame.links[0].methods
    expect(await invoke('api.getClientSecret', [null])).toEqual({ ok: true, value: 'first' })
    current = { ...options, api: { apiUrl: 'u', getClientSecret: async () => Promise.reject(new Error('session endpoint down')) } }
    expect(await invoke('api.getClientSecret', [null])).toMatchObject({ ok: false, error: { message: 'api.getClientSecret: session endpoint down' } })
    expect(errors).toHaveLength(1)
    expect(await invoke('__proto__.constructor', [])).toMatchObject({ ok: false, error: { code: 'not_supported' } })
  })

  it('emit dispatches known events only, and rebuilds errors', async () => {
    const { bridge, frame, events } = setup()
    await bridge.connect(window, ORIGIN)
    const { emit } = frame.links[0].methods as unknown as { emit(n: string, d: unknown): void }
    emit('response.start', undefined)
    emit('thread.change', { threadId: 't1' })
    emit('bogus', {})
    emit('ready', undefined)
    emit('error', { error: { code: 'api_error', message: 'upstream 500' } })
    expect(events.map((e) => e.type)).toEqual(['chatkit.ready', 'chatkit.response.start', 'chatkit.thread.change', 'chatkit.error'])
    expect(events[2].detail).toEqual({ threadId: 't1' })
    const error = (events[3].detail as { error: ChatKitError }).error
    expect(error).toBeInstanceOf(ChatKitError)
    expect(error).toMatchObject({ code: 'api_error', message: 'upstream 500' })
  })
})

void vi
