import { describe, expect, it } from 'vitest'
import { runClientTool } from './client-tools.js'

const call = { id: 'c1', name: 'get_location', args: { precise: true } } as never

describe('client tools (onClientTool)', () => {
  it("keeps the result's content, status and artifact for the resume", async () => {
    const out = await runClientTool(call, async () => ({ content: 'Paris', status: 'success', artifact: { lat: 48.85, lon: 2.35 } }))
    expect(out.message).toEqual({ tool_call_id: 'c1', name: 'get_location', content: 'Paris', status: 'success', artifact: { lat: 48.85, lon: 2.35 } })
  })

  it('a plain value is the content; a throw is an error message without artifact', async () => {
    expect((await runClientTool(call, async () => 'Paris')).message).toEqual({ tool_call_id: 'c1', name: 'get_location', content: 'Paris', status: 'success' })
    const failed = await runClientTool(call, async () => {
      throw new Error('denied')
    })
    expect(failed.message).toEqual({ tool_call_id: 'c1', name: 'get_location', content: 'denied', status: 'error' })
  })
})
