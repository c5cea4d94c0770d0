import { describe, expect, it, vi } from 'vitest'
import { createAppHost, MAX_APP_HEIGHT, MAX_MESSAGE_CHARS, MIN_APP_HEIGHT, type AppHostDeps } from './app-host.js'
import { mcpAppOf } from './detect.js'

function host(over: Partial<AppHostDeps> = {}) {
  const sent: any[] = []
  const deps: AppHostDeps = {
    post: (m) => sent.push(m),
    context: () => ({
      theme: 'dark',
      locale: 'fr',
      displayMode: 'inline',
      availableDisplayModes: ['inline'],
      platform: 'web',
      containerDimensions: { width: 500, maxHeight: MAX_APP_HEIGHT },
    }),
    hostVersion: '9.9.9',
    toolInput: { city: 'Paris' },
    toolResult: { content: [{ type: 'text', text: 'sunny' }], structuredContent: { temp: 21 } },
    callTool: vi.fn(async (name: string) => ({ content: [{ type: 'text', text: `ran ${name}` }] })),
    sendMessage: vi.fn(() => true),
    openLink: vi.fn((url: string) => url.startsWith('https:')),
    resize: vi.fn(),
    ...over,
  }
  const h = createAppHost(deps)
  const answer = async (id: number, method: string, params?: unknown) => {
    h.receive({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })
    await vi.waitFor(() => expect(sent.some((m) => m.id === id)).toBe(true))
    return sent.find((m) => m.id === id)
  }
  return { h, sent, deps, answer }
}

describe('MCP Apps host side', () => {
  it('answers ui/initialize with the host context, then hands in the tool input and result once', async () => {
    const { h, sent, answer } = host()
    const init = await answer(1, 'ui/initialize', { protocolVersion: '2026-01-26', appInfo: { name: 'a', version: '1' }, appCapabilities: {} })
    expect(init.result).toEqual({
      protocolVersion: '2026-01-26',
      hostInfo: { name: 'chatkit', version: '9.9.9' },
      hostCapabilities: { openLinks: {}, serverTools: {}, message: { text: {} } },
      hostContext: expect.objectContaining({
        theme: 'dark',
        locale: 'fr',
        displayMode: 'inline',
        containerDimensions: { width: 500, maxHeight: MAX_APP_HEIGHT },
      }),
    })
    expect((await answer(2, 'ui/initialize', { protocolVersion: '1999-01-01' })).result.protocolVersion).toBe('2026-01-26')
    h.contextChanged({ theme: 'light' })
    expect(sent.filter((m) => m.method)).toEqual([])
    h.receive({ jsonrpc: '2.0', method: 'ui/notifications/initialized' })
    h.receive({ jsonrpc: '2.0', method: 'ui/notifications/initialized' })
    expect(sent.filter((m) => m.method)).toEqual([
      { jsonrpc: '2.0', method: 'ui/notifications/tool-input', params: { arguments: { city: 'Paris' } } },
      { jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: { content: [{ type: 'text', text: 'sunny' }], structuredContent: { temp: 21 } } },
    ])
    h.contextChanged({ theme: 'light' })
    expect(sent.at(-1)).toEqual({ jsonrpc: '2.0', method: 'ui/notifications/host-context-changed', params: { theme: 'light' } })
  })

  it('resizes within bounds', () => {
    const { h, deps } = host()
    for (const height of [300.4, 1e6, -5, Number.NaN]) h.receive({ jsonrpc: '2.0', method: 'ui/notifications/size-changed', params: { width: 10, height } })
    expect((deps.resize as any).mock.calls).toEqual([[300], [MAX_APP_HEIGHT], [MIN_APP_HEIGHT]])
  })

  it('tools/call, ui/message and ui/open-link go to the frame functions, checked', async () => {
    const { answer, deps } = host({ callTool: vi.fn(async () => Promise.reject(new Error('the user did not allow "wipe"'))) })
    expect(await answer(1, 'tools/call', { name: 'wipe', arguments: {} })).toMatchObject({ error: { code: -32603, message: 'the user did not allow "wipe"' } })
    expect(await answer(2, 'tools/call', { name: '' })).toMatchObject({ error: { code: -32602 } })
    expect(await answer(3, 'tools/call', { name: 'x', arguments: [1] })).toMatchObject({ error: { code: -32602 } })
    expect(
      await answer(4, 'ui/message', {
        role: 'user',
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'x' },
          { type: 'text', text: 'there' },
        ],
      }),
    ).toMatchObject({ result: {} })
    expect(deps.sendMessage).toHaveBeenCalledWith('hello\nthere')
    expect(await answer(5, 'ui/message', { role: 'user', content: [{ type: 'text', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }] })).toMatchObject({
      error: { code: -32602 },
    })
    expect(await answer(6, 'ui/message', { role: 'assistant', content: [{ type: 'text', text: 'hi' }] })).toMatchObject({ error: { code: -32602 } })
    expect(await answer(7, 'ui/open-link', { url: 'https://example.com/' })).toMatchObject({ result: {} })
    expect(await answer(8, 'ui/open-link', { url: 'javascript:alert(1)' })).toMatchObject({ result: { isError: true } })
    expect(await answer(9, 'ui/request-display-mode', { mode: 'fullscreen' })).toMatchObject({ result: { mode: 'inline' } })
    expect(await answer(10, 'ping')).toMatchObject({ result: {} })
  })

  it('answers anything else "method not found" and ignores what is not JSON-RPC', async () => {
    const { h, sent, answer, deps } = host()
    for (const [i, m] of ['resources/read', 'sampling/createMessage', 'constructor', '__proto__', 'toString'].entries()) {
      expect(await answer(i + 1, m, {}), m).toMatchObject({ error: { code: -32601 } })
    }
    const before = sent.length
    for (const junk of [
      null,
      'x',
      { penpal: 'call', methodName: 'sendUserMessage', args: [{ text: 'pwned' }] },
      { jsonrpc: '2.0', method: 'ui/message', params: 'x', id: 1 },
      { jsonrpc: '2.0', method: 'tools/call', id: {} },
      { jsonrpc: '2.0', method: 'constructor' },
    ])
      h.receive(junk)
    expect(sent.length).toBe(before)
    expect(deps.sendMessage).not.toHaveBeenCalled()
  })
})

describe('mcpAppOf', () => {
  it('finds an mcp-app resource as text or base64 blob, nothing else', () => {
    const blob = btoa(String.fromCharCode(...new TextEncoder().encode('<p>é</p>')))
    expect(mcpAppOf({ ui: { uri: 'ui://a/b', mimeType: 'text/html;profile=mcp-app', text: '<p>x</p>' } })).toEqual({ uri: 'ui://a/b', html: '<p>x</p>' })
    expect(mcpAppOf({ ui: { uri: 'ui://a/b', mimeType: 'text/html; profile=mcp-app', blob } })).toEqual({ uri: 'ui://a/b', html: '<p>é</p>' })
    expect(mcpAppOf({ ui: { uri: 'https://a/b', mimeType: 'text/html;profile=mcp-app', text: 'x' } })).toBeNull()
    expect(mcpAppOf({ ui: { uri: 'ui://a/b', mimeType: 'text/plain', text: 'x' } })).toBeNull()
    expect(mcpAppOf({ ui: { uri: 'ui://a/b', mimeType: 'text/html;profile=mcp-app' } })).toBeNull()
    expect(mcpAppOf('text')).toBeNull()
  })
})
