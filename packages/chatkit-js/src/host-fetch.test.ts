// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { allowedUrl, hostFetch } from './host-fetch.js'

const API = 'https://app.example/api/ai'

describe('api.fetch host half: only URLs under the configured API', () => {
  const api = { apiUrl: API, uploadStrategy: { type: 'direct', uploadUrl: 'https://files.example/upload?x=1' } }
  it.each([
    [`${API}/threads`, true],
    [`${API}/threads/t1/runs/stream?x=1`, true],
    [API, true],
    [`${API}/../admin`, false],
    [`${API}/%2e%2e/admin`, false],
    ['https://app.example/api/aix/threads', false],
    ['https://app.example/api/admin', false],
    ['https://evil.example/api/ai/threads', false],
    ['http://app.example/api/ai/threads', false],
    ['https://files.example/upload?x=1', true],
    ['https://files.example/upload?x=2', false],
    ['javascript:alert(1)', false],
    ['/api/ai/threads', false],
  ])('%s → %s', (url, ok) => {
    expect(allowedUrl(url, api)).toBe(ok)
  })

  it('api.url counts as a base too, resolved against the page', () => {
    expect(allowedUrl(`${location.origin}/chat/api/threads`, { url: '/chat/api' })).toBe(true)
    expect(allowedUrl(`${location.origin}/other`, { url: '/chat/api' })).toBe(false)
  })

  it('refuses a URL outside the API without calling the user fetch', async () => {
    const seen: string[] = []
    const options = { api: { apiUrl: API, fetch: (u: string) => (seen.push(u), Promise.resolve(new Response('x'))) } }
    await expect(hostFetch(options, 'open', 1, 'https://evil.example/steal', { method: 'GET', headers: {} })).rejects.toThrow(
      /refused https:\/\/evil\.example\/steal/,
    )
    expect(seen).toEqual([])
  })

  it('refuses when api.fetch is not set', async () => {
    await expect(hostFetch({ api: { apiUrl: API } }, 'open', 2, `${API}/threads`, { method: 'GET', headers: {} })).rejects.toThrow('api.fetch is not set')
  })
})

describe('api.fetch host half: the response streams back chunk by chunk', () => {
  it('answers the head, then each chunk as the user fetch produces it, then null', async () => {
    let push!: (s: string | null) => void
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = (s) => (s === null ? c.close() : c.enqueue(new TextEncoder().encode(s)))
      },
    })
    const calls: [string, RequestInit][] = []
    const options = {
      api: {
        apiUrl: API,
        fetch: async (u: string, init: RequestInit) => {
          calls.push([u, init])
          return new Response(body, { status: 201, statusText: 'Created', headers: { 'content-type': 'text/event-stream' } })
        },
      },
    }
    const head = await hostFetch(options, 'open', 3, `${API}/runs`, { method: 'POST', headers: { a: 'b' }, body: '{}' })
    expect(head).toEqual({ status: 201, statusText: 'Created', headers: [['content-type', 'text/event-stream']] })
    expect(calls[0][0]).toBe(`${API}/runs`)
    expect(calls[0][1]).toMatchObject({ method: 'POST', headers: { a: 'b' }, body: '{}' })
    expect(calls[0][1].signal).toBeInstanceOf(AbortSignal)
    const first = hostFetch(options, 'read', 3)
    push('data: one\n\n')
    expect(new TextDecoder().decode((await first) as Uint8Array)).toBe('data: one\n\n')
    const second = hostFetch(options, 'read', 3)
    push('data: two\n\n')
    expect(new TextDecoder().decode((await second) as Uint8Array)).toBe('data: two\n\n')
    push(null)
    expect(await hostFetch(options, 'read', 3)).toBeNull()
  })

  /** Options whose user fetch answers a body `start` fills; the request is opened as `id`, then given 20 ms. */
  async function opened(id: number, start: (c: ReadableStreamDefaultController<Uint8Array>) => void) {
    const options = { api: { apiUrl: API, fetch: async () => new Response(new ReadableStream({ start })) } }
    await hostFetch(options, 'open', id, `${API}/runs`, { method: 'GET', headers: {} })
    await new Promise((r) => setTimeout(r, 20))
    return { read: () => hostFetch(options, 'read', id), text: async () => new TextDecoder().decode((await hostFetch(options, 'read', id)) as Uint8Array) }
  }

  it('bytes that arrived before the body broke still reach the frame, then the error', async () => {
    const req = await opened(6, (c) => {
      c.enqueue(new TextEncoder().encode('id: 7\ndata: last\n\n'))
      // The connection drops right after: an errored stream discards what is still queued in it.
      setTimeout(() => c.error(new TypeError('network error')), 0)
    })
    expect(await req.text()).toBe('id: 7\ndata: last\n\n')
    await expect(req.read()).rejects.toThrow('network error')
  })

  it('chunks that arrived between two reads come as one', async () => {
    const req = await opened(7, (c) => {
      for (const s of ['a', 'b', 'c']) c.enqueue(new TextEncoder().encode(s))
      c.close()
    })
    expect(await req.text()).toBe('abc')
    expect(await req.read()).toBeNull()
  })

  it('abort reaches the user fetch signal and ends the body', async () => {
    let signal!: AbortSignal
    let cancelled = false
    const options = {
      api: {
        apiUrl: API,
        fetch: async (_u: string, init: RequestInit) => {
          signal = init.signal!
          return new Response(new ReadableStream({ cancel: () => void (cancelled = true) }))
        },
      },
    }
    await hostFetch(options, 'open', 4, `${API}/runs`, { method: 'GET', headers: {} })
    await hostFetch(options, 'abort', 4)
    expect(signal.aborted).toBe(true)
    expect(cancelled).toBe(true)
    expect(await hostFetch(options, 'read', 4)).toBeNull()
  })

  it('abort while the user fetch is pending rejects the open', async () => {
    const options = {
      api: {
        apiUrl: API,
        fetch: (_u: string, init: RequestInit) =>
          new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      },
    }
    const open = hostFetch(options, 'open', 5, `${API}/runs`, { method: 'GET', headers: {} })
    await hostFetch(options, 'abort', 5)
    await expect(open).rejects.toThrow('aborted')
  })
})
