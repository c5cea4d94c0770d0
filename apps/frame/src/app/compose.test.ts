// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'
import { applyOptions } from '../options/store.js'
import { composeFrame } from './compose.js'

/** A host page as penpal gives it to the frame: the events it received. */
function attachHost(frame: ReturnType<typeof composeFrame>) {
  const events: [string, unknown][] = []
  frame.host.attach({
    emit: async (name: string, detail: unknown) => void events.push([name, detail]),
    invoke: async () => ({ ok: true, value: null }),
  } as never)
  frame.methods.hello({ protocolVersion: PROTOCOL_VERSION, capabilities: ['invoke', 'emit'] })
  return events
}

describe('the composition root', () => {
  it('builds independent frames: history reporting goes to each frame’s own host link, no module state', async () => {
    applyOptions({ options: {}, callbacks: new Set(), issues: [] })
    const a = composeFrame(document)
    const b = composeFrame(document)
    const seenA = attachHost(a)
    const seenB = attachHost(b)
    await a.methods.showHistory()
    expect(a.ui.historyVisibility.open.value).toBe(true)
    expect(b.ui.historyVisibility.open.value).toBe(false)
    a.ui.historyVisibility.setOpen(false)
    expect(seenA.filter(([n]) => n.startsWith('history.')).map(([n]) => n)).toEqual(['history.open', 'history.close'])
    expect(seenB.filter(([n]) => n.startsWith('history.'))).toEqual([])
  })

  it('the host’s sendUserMessage takes the one send path: refused sends reject to the host', async () => {
    applyOptions({ options: {}, callbacks: new Set(), issues: [] })
    const frame = composeFrame(document)
    attachHost(frame)
    frame.controller.state.value = { ...frame.controller.state.value, phase: 'loading' }
    await expect(frame.methods.sendUserMessage({ text: 'hi' })).rejects.toMatchObject({ code: 'not_ready', message: expect.stringContaining('still loading') })
    // The UI's path reports the same refusal instead of throwing.
    expect(frame.ui.sendDraft({ text: 'hi', files: [], model: null, toolId: null, entities: [] })).toBe(false)
  })
})
