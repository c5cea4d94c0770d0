import { describe, expect, it, vi } from 'vitest'
import { ApiClient, ClientSecrets } from '../api/index.js'
import { ThreadController } from '../thread/index.js'
import { createSendPath } from './send.js'

function setup() {
  const bodies: unknown[] = []
  // A server that takes the request and never answers: enough to see what was sent.
  const fetch = (async (_url: string, init: RequestInit) => (
    bodies.push(JSON.parse(String(init.body))), new Promise(() => {})
  )) as unknown as typeof globalThis.fetch
  const api = new ApiClient(() => ({ baseUrl: 'http://127.0.0.1:1/api', language: 'en' }), new ClientSecrets(async () => 's'), fetch)
  const controller = new ThreadController({
    api,
    assistantId: () => 'a',
    request: () => undefined,
    emit: () => {},
    emitError: () => {},
    threadOnRun: { supported: () => true, unsupported: () => {} },
  })
  const retrySession = vi.fn()
  const reportError = vi.fn()
  const preload = vi.fn()
  return { controller, bodies, retrySession, reportError, preload, path: createSendPath({ controller, retrySession, reportError, preload }) }
}

describe('the send path', () => {
  it('retries the session before every send, and a draft carries its extras into the run request', async () => {
    const { path, retrySession, controller, bodies } = setup()
    expect(path.sendDraft({ text: 'hi', files: [], model: null, toolId: 'search', entities: [] })).toBe(true)
    expect(retrySession).toHaveBeenCalledTimes(1)
    expect(controller.state.value.messages[0]?.role).toBe('user')
    await vi.waitFor(() => expect(bodies).toHaveLength(1))
    expect(JSON.stringify(bodies[0])).toContain('search')
    // While that answer runs, a plain message queues (the queued follow-up leaves through controller.send).
    path.send('next')
    expect(retrySession).toHaveBeenCalledTimes(2)
    expect(controller.state.value.queued.map((q) => q.text)).toEqual(['next'])
  })

  it('throws a refusal for the host, and reports it (false) for the frame UI', () => {
    const { path, controller, reportError } = setup()
    controller.state.value = { ...controller.state.value, phase: 'loading' }
    expect(() => path.send('x')).toThrow(/still loading/)
    expect(path.sendReported('x')).toBe(false)
    expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_ready' }))
    expect(path.sendDraft({ text: 'x', files: [], model: null, toolId: null, entities: [] })).toBe(false)
    expect(reportError).toHaveBeenCalledTimes(2)
  })

  it('fetches the answer code with every send it makes (a host send typed nothing to preload it), not with a refused one', async () => {
    const { path, controller, preload, bodies } = setup()
    path.send('hi')
    expect(preload).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(bodies).toHaveLength(1))
    controller.state.value = { ...controller.state.value, phase: 'loading' }
    expect(() => path.send('x')).toThrow(/still loading/)
    expect(preload).toHaveBeenCalledTimes(1)
  })
})
