import { describe, expect, it } from 'vitest'
import { errorFromResponse } from './errors.js'

const res = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    statusText: status === 500 ? 'Internal Server Error' : 'Not Found',
    headers: { 'content-type': 'application/json', ...headers },
  })

describe('errorFromResponse', () => {
  it('a server error shows its request id as a ref to quote', async () => {
    const e = await errorFromResponse(res(500, { error: { code: 'internal_error', message: 'internal server error', request_id: '3f2a-77' } }))
    expect(e.message).toBe('internal server error (HTTP 500 Internal Server Error, ref 3f2a-77)')
    expect(e.apiCode).toBe('internal_error')
  })

  it('without one in the body, the X-Request-Id header (when exposed) serves; a client error shows none', async () => {
    expect((await errorFromResponse(res(503, { error: { code: 'shutting_down', message: 'stopping' } }, { 'x-request-id': 'lb-9' }))).message).toBe(
      'stopping (HTTP 503 Not Found, ref lb-9)',
    )
    expect((await errorFromResponse(res(404, { error: { code: 'not_found', message: 'no thread', request_id: 'r1' } }))).message).toBe(
      'no thread (HTTP 404 Not Found)',
    )
    expect((await errorFromResponse(res(502, '<html>bad gateway</html>'))).message).toBe('request failed: HTTP 502 Not Found')
  })
})
