// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { serializeOptions } from '@xpert-ai/chatkit-js'

describe('serializeOptions', () => {
  it('strips functions and lists their dotted paths, keeping the data', () => {
    const r = serializeOptions({
      frameUrl: 'http://127.0.0.1:8787/chatkit/',
      api: { apiUrl: 'http://x/api', xpertId: 'a1', getClientSecret: async () => 's' },
      widgets: { onAction: async () => {} },
      onClientTool: () => ({ content: 'ok' }),
    })
    expect(r.options).toEqual({
      frameUrl: 'http://127.0.0.1:8787/chatkit/',
      api: { apiUrl: 'http://x/api', xpertId: 'a1' },
      widgets: {},
    })
    expect(r.callbacks.sort()).toEqual(['api.getClientSecret', 'onClientTool', 'widgets.onAction'])
    expect(r.problems).toEqual([])
  })

  it('walks arrays, naming items by index', () => {
    const r = serializeOptions({
      api: { apiUrl: 'u', getClientSecret: async () => 's' },
      composer: {
        tools: [
          { id: 't', label: 'T', icon: 'i', onPick: () => {} },
          { id: 'u', label: 'U', icon: 'i' },
        ],
      },
    } as never)
    expect(r.callbacks).toContain('composer.tools.0.onPick')
    expect((r.options.composer as { tools: unknown[] }).tools).toEqual([
      { id: 't', label: 'T', icon: 'i' },
      { id: 'u', label: 'U', icon: 'i' },
    ])
  })

  it('keeps undefined, null, numbers and nested plain objects as they are', () => {
    const r = serializeOptions({ api: { apiUrl: 'u' }, initialThread: null, locale: undefined, theme: { typography: { baseSize: 16 } } } as never)
    expect(r.options).toEqual({ api: { apiUrl: 'u' }, initialThread: null, locale: undefined, theme: { typography: { baseSize: 16 } } })
    expect('locale' in r.options).toBe(true)
  })

  it('drops values the frame could not receive and names their path', () => {
    class Store {}
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const r = serializeOptions({
      api: { apiUrl: 'u' },
      header: { title: { text: document.createElement('div') } },
      request: { state: { store: new Store(), tag: Symbol('x'), cyclic } },
    } as never)
    expect(r.problems).toEqual([
      'header.title.text: a HTMLDivElement cannot be sent to the frame',
      'request.state.store: a Store cannot be sent to the frame',
      'request.state.tag: a Symbol cannot be sent to the frame',
      'request.state.cyclic.self: a circular reference cannot be sent to the frame',
    ])
    expect(r.options).toEqual({ api: { apiUrl: 'u' }, header: { title: {} }, request: { state: { cyclic: { a: 1 } } } })
    expect(() => structuredClone(r.options)).not.toThrow()
  })

  it('keeps a "__proto__" key as data, never as a prototype', () => {
    const r = serializeOptions(JSON.parse('{"api":{"apiUrl":"u"},"__proto__":{"polluted":true}}'))
    expect(Object.getPrototypeOf(r.options)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.hasOwn(r.options, '__proto__')).toBe(true)
  })

  it('repeated (non-cyclic) references are fine', () => {
    const shared = { hue: 1, tint: 2 }
    const r = serializeOptions({ api: { apiUrl: 'u' }, a: shared, b: shared } as never)
    expect(r.problems).toEqual([])
  })
})
