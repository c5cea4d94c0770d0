// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { bridgedRequest, hostFetch } from './host-fetch.js'

type Call = [op: string, id: number, url?: string, init?: unknown]

/** A host that answers `open` with `head` and each `read` with the next chunk the test pushes. */
function fakeHost(head = { status: 200, statusText: 'OK', headers: [['content-type', 'text/event-stream']] as [string, string][] }) {
  const calls: Call[] = []
  const reads: ((v: Uint8Array | null | Error) => void)[] = []
  const link = {
    fetch: (async (...a: Call) => {
      calls.push(a)
      if (a[0] === 'open') return head
      if (a[0] === 'read') {
        const v = await new Promise<Uint8Array | null | Error>((r) => reads.push(r))
        if (v instanceof Error) throw v
        return v
      }
    }) as never,
  }
  const push = async (v: string | null | Error) => {
    while (!reads.length) await new Promise((r) => setTimeout(r, 1))
    reads.shift()!(typeof v === 'string' ? new TextEncoder().encode(v) : v)
  }
  return { link, calls, push }
}

describe('api.fetch, frame side', () => {
  it('sends plain parts and answers a Response whose body streams the host chunks as they come', async () => {
    const { link, calls, push } = fakeHost()
    const res = await hostFetch(link)('https://a.example/api/ai/runs', {
      method: 'post',
      headers: { Accept: 'text/event-stream' },
      body: '{}',
      credentials: 'omit',
    })
    expect(calls[0]).toEqual(['open', expect.any(Number), 'https://a.example/api/ai/runs', { method: 'POST', headers: expect.any(Object), body: '{}' }])
    // Only method, headers and body cross: no credentials, no signal.
    expect(Object.keys(calls[0][3] as object).sort()).toEqual(['body', 'headers', 'method'])
    expect(new Headers((calls[0][3] as { headers: Record<string, string> }).headers).get('accept')).toBe('text/event-stream')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    const first = reader.read()
    await push('data: 1\n\n')
    expect(new TextDecoder().decode((await first).value)).toBe('data: 1\n\n')
    const second = reader.read()
    await push(null)
    expect((await second).done).toBe(true)
  })

  it('a multipart body crosses as one Blob with its boundary header', async () => {
    const form = new FormData()
    form.append('file', new File(['hello'], 'a.txt', { type: 'text/plain' }))
    const req = await bridgedRequest('https://a.example/up', { method: 'POST', body: form })
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(req.body).toBeInstanceOf(Blob)
    expect(await (req.body as Blob).text()).toContain('hello')
  })

  it('aborting the signal rejects with an AbortError and tells the host to abort', async () => {
    const { link, calls } = fakeHost()
    const ctrl = new AbortController()
    const res = await hostFetch(link)('https://a.example/api/ai/runs', { signal: ctrl.signal })
    const read = res.body!.getReader().read()
    await vi.waitFor(() => expect(calls.map((c) => c[0])).toEqual(['open', 'read']))
    ctrl.abort()
    await expect(read).rejects.toMatchObject({ name: 'AbortError' })
    expect(calls.map((c) => c[0])).toEqual(['open', 'read', 'abort'])
  })

  it('a host body that breaks mid-answer is a TypeError (a cut the stream reader rejoins)', async () => {
    const { link, push } = fakeHost()
    const res = await hostFetch(link)('https://a.example/api/ai/runs')
    const read = res.body!.getReader().read()
    await push(new Error('network error'))
    await expect(read).rejects.toThrow(TypeError)
  })

  it('a host refusal is a TypeError naming it, as a failed fetch', async () => {
    const link = { fetch: (async () => Promise.reject(new Error('api.fetch: refused https://x.example/'))) as never }
    await expect(hostFetch(link)('https://x.example/')).rejects.toThrow(new TypeError('api.fetch: api.fetch: refused https://x.example/'))
  })

  it('no body for a 204', async () => {
    const { link, calls } = fakeHost({ status: 204, statusText: 'No Content', headers: [] })
    const res = await hostFetch(link)('https://a.example/api/ai/x', { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(res.body).toBeNull()
    expect(calls.map((c) => c[0])).toEqual(['open', 'abort'])
  })
})
