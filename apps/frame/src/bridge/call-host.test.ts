import { describe, expect, it, vi } from 'vitest'
import { ChatKitError } from '@xpert-ai/chatkit-protocol'
import { applyOptions } from '../options/store.js'
import { createHistoryVisibility } from '../history/index.js'
import { createCallHost } from './call-host.js'

describe('callHost', () => {
  it('returns the host value, rethrows the host error, refuses paths the host did not set', async () => {
    applyOptions({ options: {}, callbacks: new Set(['widgets.onAction', 'onClientTool']), issues: [] })
    const invoke = vi.fn(async (path: string, args: unknown[]) => {
      if (path === 'onClientTool') throw new ChatKitError('callback_failed', 'onClientTool failed in the host: boom')
      return { echoed: args }
    })
    const callHost = createCallHost({ invoke })
    await expect(callHost('widgets.onAction', [{ type: 'a' }])).resolves.toEqual({ echoed: [{ type: 'a' }] })
    await expect(callHost('onClientTool', [])).rejects.toMatchObject({ code: 'callback_failed', message: expect.stringContaining('boom') })
    await expect(callHost('entities.onClick', [])).rejects.toMatchObject({ code: 'not_supported', message: expect.stringContaining('entities.onClick') })
    expect(invoke).toHaveBeenCalledTimes(2)
  })
})

describe('history visibility', () => {
  it('reports each real change once', () => {
    const seen: string[] = []
    const history = createHistoryVisibility((n) => seen.push(n))
    history.setOpen(true)
    history.setOpen(true)
    expect(history.open.value).toBe(true)
    history.setOpen(false)
    expect(history.open.value).toBe(false)
    expect(seen).toEqual(['history.open', 'history.close'])
  })
})

describe('host capabilities', () => {
  it('refuses to invoke a host that lacks invoke(), naming it and both versions', async () => {
    const { createHostLink } = await import('./host.js')
    const link = createHostLink()
    link.attach({ invoke: async () => ({ ok: true, value: 1 }), emit: async () => {} } as never)
    link.greeted({ protocolVersion: '1.1.0', capabilities: ['emit'] })
    await expect(link.invoke('onClientTool', [])).rejects.toMatchObject({
      code: 'not_supported',
      message: expect.stringMatching(/invoke\(\).*onClientTool.*host protocol 1\.1\.0, frame protocol 1\.0\.0/),
    })
    link.greeted({ protocolVersion: '1.1.0', capabilities: ['emit', 'invoke'] })
    await expect(link.invoke('onClientTool', [])).resolves.toBe(1)
  })
})
