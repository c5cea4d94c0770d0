import { describe, expect, it, vi } from 'vitest'
import { FRAME_METHODS, PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'
import { createFrameMethods, type FrameMethodDeps } from './methods.js'

function setup() {
  const deps = {
    version: '0.1.0',
    setOptions: vi.fn(),
    focusComposer: vi.fn(),
    setComposerValue: vi.fn(),
    sendUserMessage: vi.fn(),
    setThreadId: vi.fn(async () => {}),
    fetchUpdates: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    sendCustomAction: vi.fn(),
    setHistoryOpen: vi.fn(),
    protocolMismatch: vi.fn(),
    focusMessage: vi.fn(async () => ({ success: true as const, status: 'opened' as const })),
  } satisfies FrameMethodDeps
  return { deps, m: createFrameMethods(deps) }
}

const hello = { protocolVersion: PROTOCOL_VERSION, capabilities: ['invoke', 'emit'] }

describe('frame methods', () => {
  it('answers hello with its version and capabilities', () => {
    const { m } = setup()
    expect(m.hello(hello)).toEqual({ protocolVersion: PROTOCOL_VERSION, capabilities: [...FRAME_METHODS], version: '0.1.0' })
  })

  it('refuses calls before hello', async () => {
    const { m, deps } = setup()
    await expect(m.focusComposer()).rejects.toMatchObject({ code: 'not_ready' })
    expect(deps.focusComposer).not.toHaveBeenCalled()
  })

  it('after a protocol mismatch, shows it and refuses every other call with protocol_mismatch', async () => {
    const { m, deps } = setup()
    m.hello({ protocolVersion: '99.0.0', capabilities: [] })
    expect(deps.protocolMismatch).toHaveBeenCalledWith(expect.stringMatching(/host 99\.0\.0.*frame/))
    for (const name of FRAME_METHODS.filter((n) => n !== 'hello')) {
      const call = (m[name] as (...a: unknown[]) => Promise<unknown>)({ text: 'x', options: {}, callbacks: [] })
      await expect(call, name).rejects.toMatchObject({ code: 'protocol_mismatch', message: expect.stringContaining(name) })
    }
    expect(deps.setOptions).not.toHaveBeenCalled()
  })

  it('rejects with plain, structured-cloneable error data (code survives penpal)', async () => {
    const { m } = setup()
    m.hello(hello)
    const err = await (m.sendUserMessage({ text: 'x', planMode: true }) as unknown as Promise<unknown>).catch((e: unknown) => e)
    expect(err).not.toBeInstanceOf(Error)
    expect(err).toEqual({ code: 'not_supported', message: expect.stringContaining('sendUserMessage'), name: 'ChatKitError' })
    expect(structuredClone(err)).toEqual(err)
  })

  it('says not_supported for features that do not exist yet, never pretends', async () => {
    const { m, deps } = setup()
    m.hello(hello)
    await expect(m.sendUserMessage({ text: 'hi', followUpMode: 'steer' })).rejects.toMatchObject({
      code: 'not_supported',
      message: expect.stringContaining('followUpMode'),
    })
    await expect(m.sendUserMessage({ text: 'hi', runtimeCapabilities: {} })).rejects.toMatchObject({
      code: 'not_supported',
      message: expect.stringContaining('sendUserMessage.runtimeCapabilities'),
    })
    await expect(m.sendUserMessage({ text: 'hi', attachments: [{} as never] })).rejects.toMatchObject({ code: 'invalid_options' })
    expect(deps.sendUserMessage).not.toHaveBeenCalled()
  })

  it('validates arguments and forwards good calls', async () => {
    const { m, deps } = setup()
    m.hello(hello)
    await expect(m.sendUserMessage({ text: '  ' })).rejects.toMatchObject({ code: 'invalid_options' })
    await expect(m.setThreadId(42 as never)).rejects.toMatchObject({ code: 'invalid_options' })
    await expect(m.setComposerValue({} as never)).rejects.toMatchObject({ code: 'invalid_options' })
    await m.sendUserMessage({ text: 'hello', newThread: true })
    await m.setThreadId(null)
    await m.setThreadId('t1')
    await m.setComposerValue({ text: 'draft' })
    await m.focusComposer()
    await m.stop()
    await m.fetchUpdates()
    expect(deps.sendUserMessage).toHaveBeenCalledWith({ text: 'hello', newThread: true, extend: undefined })
    expect(deps.setThreadId.mock.calls).toEqual([[null], ['t1']])
    expect(deps.setComposerValue).toHaveBeenCalledWith({ text: 'draft' })
    expect(deps.focusComposer).toHaveBeenCalledOnce()
    expect(deps.stop).toHaveBeenCalledOnce()
    expect(deps.fetchUpdates).toHaveBeenCalledOnce()
  })

  it('runs custom actions as input.action and drives the history panel', async () => {
    const { m, deps } = setup()
    m.hello(hello)
    await m.sendCustomAction({ type: 'approve', payload: { id: 1 } }, 'w1')
    await m.sendCustomAction({ type: 'ping' })
    expect(deps.sendCustomAction.mock.calls).toEqual([[{ action: { type: 'approve', payload: { id: 1 } }, itemId: 'w1' }], [{ action: { type: 'ping' } }]])
    await expect(m.sendCustomAction({ type: '' })).rejects.toMatchObject({ code: 'invalid_options' })
    await expect(m.sendCustomAction({ type: 'x', payload: [1] as never })).rejects.toMatchObject({ code: 'invalid_options' })
    await m.showHistory()
    await m.hideHistory()
    expect(deps.setHistoryOpen.mock.calls).toEqual([[true], [false]])
  })

  it('showHistory with history.enabled: false is refused naming the option, and opens nothing', async () => {
    const { m, deps } = setup()
    m.hello(hello)
    let enabled = false
    Object.assign(deps, { historyEnabled: () => enabled })
    const m2 = createFrameMethods(deps)
    m2.hello(hello)
    await expect(m2.showHistory()).rejects.toMatchObject({ code: 'not_supported', message: expect.stringContaining('history.enabled: false') })
    expect(deps.setHistoryOpen).not.toHaveBeenCalled()
    enabled = true
    await m2.showHistory()
    expect(deps.setHistoryOpen).toHaveBeenCalledWith(true)
  })

  it('setComposerValue with attachments is refused as not_supported', async () => {
    const { m, deps } = setup()
    m.hello(hello)
    await expect(m.setComposerValue({ text: 'x', attachments: [{ id: 'f1' }] })).rejects.toMatchObject({
      code: 'not_supported',
      message: expect.stringContaining('setComposerValue.attachments'),
    })
    expect(deps.setComposerValue).not.toHaveBeenCalled()
  })
})
