import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveNode } from './serve-node.js'

// What the API fuzzer found at the node:http edge: requests node rejects itself got bare answers
// (no JSON) or a dropped socket, some odd requests became 500s, a slow body held a socket forever.
let server: Awaited<ReturnType<typeof serveNode>>
let port: number
const errors: unknown[] = []

beforeAll(async () => {
  server = await serveNode(
    async (req) => {
      const url = new URL(req.url)
      if (url.pathname === '/slow-stream') {
        let n = 0
        const body = new ReadableStream<Uint8Array>({
          async pull(c) {
            await new Promise((r) => setTimeout(r, 100))
            c.enqueue(new TextEncoder().encode(`tick ${n}\n`))
            if (++n === 8) c.close()
          },
        })
        return new Response(body)
      }
      // A body that never completes fails this read once the server gives up on it.
      if (req.method === 'POST') await req.text().catch(() => '')
      return Response.json({ path: url.pathname, host: url.host })
    },
    { port: 0, requestTimeoutMs: 300, onError: (_m, e) => void errors.push(e) },
  )
  port = Number(new URL(server.url).port)
})
afterAll(() => server.close())

/** Sends raw bytes, then (optionally) half-closes; resolves with everything the server wrote. */
function raw(bytes: string, halfClose = true): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(bytes)
      if (halfClose) s.end()
    })
    let out = ''
    s.on('data', (d) => (out += d.toString('latin1')))
    s.on('error', reject)
    s.on('close', () => {
      const [head, rest = ''] = out.split(/\r\n\r\n([\s\S]*)/)
      const body = /transfer-encoding: chunked/i.test(head) ? dechunk(rest) : rest
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), type: /content-type: (.+)/i.exec(head)?.[1]?.trim() ?? '', body })
    })
  })
}

function dechunk(s: string): string {
  let out = ''
  for (let i = 0; ; ) {
    const eol = s.indexOf('\r\n', i)
    const size = parseInt(s.slice(i, eol), 16)
    if (eol < 0 || !size) return out
    out += s.slice(eol + 2, eol + 2 + size)
    i = eol + 2 + size + 2
  }
}

const jsonError = (r: { type: string; body: string }) => {
  expect(r.type).toBe('application/json; charset=utf-8')
  return (JSON.parse(r.body) as { error: { code: string } }).error.code
}

describe('serveNode at the HTTP edge', () => {
  it.each([
    ['a malformed request line', 'get / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
    ['headers over the size limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['conflicting content-lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400, 'bad_request'],
    ['an Expect it cannot meet', 'GET / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n', 417, 'expectation_failed'],
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405, 'method_not_allowed'],
    ['TRACE (fetch Request refuses it)', 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405, 'method_not_allowed'],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'invalid_request'],
  ])('answers %s with a JSON error', async (_name, bytes, status, code) => {
    const r = await raw(bytes, !bytes.includes('Connection: close'))
    expect(r.status).toBe(status)
    expect(jsonError(r)).toBe(code)
  })

  it('serves hosts with an out-of-range port and "//" targets instead of failing on URL parsing', async () => {
    const odd = await raw('GET /a HTTP/1.1\r\nHost: evil.example:99999\r\nConnection: close\r\n\r\n', false)
    expect([odd.status, JSON.parse(odd.body)]).toEqual([200, { path: '/a', host: '127.0.0.1' }])
    const slashes = await raw('GET //x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n', false)
    expect([slashes.status, JSON.parse(slashes.body).path]).toEqual([200, '//x'])
  })

  it('gives a body that never finishes a JSON 408, yet lets a long response (an SSE stream) run past the limit', async () => {
    const slow = await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc', false)
    expect(slow.status).toBe(408)
    expect(jsonError(slow)).toBe('request_timeout')
    const res = await fetch(`${server.url}/slow-stream`)
    expect((await res.text()).split('\n').filter(Boolean)).toHaveLength(8)
  })

  it('reported none of these as unexpected errors', () => {
    expect(errors).toEqual([])
  })
})
