import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from './testing/harness.js'

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ maxBodyBytes: 2048 })))
afterAll(() => s.close())

const ORIGIN = 'http://127.0.0.1:8788'

/** Sends raw bytes and returns the raw answer (for requests node rejects before the handler). */
function raw(bytes: string): Promise<string> {
  const { port } = new URL(s.server.url)
  return new Promise((resolve, reject) => {
    let out = ''
    const sock = connect(Number(port), '127.0.0.1', () => sock.write(bytes))
    sock
      .on('data', (c) => (out += c))
      .on('end', () => resolve(out))
      .on('error', reject)
  })
}

describe('X-Content-Type-Options: nosniff on every API response', () => {
  it('JSON answers, errors, OPTIONS, SSE and adapter-level rejections', async () => {
    const secret = await s.session('nosniff')
    const thread = await s.thread(secret)
    const stream = await s.call(secret, 'POST', `/threads/${thread}/runs/stream`, s.runBody('hi'))
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
    await stream.text()
    const responses: [string, Response][] = [
      ['200 JSON', await s.call(secret, 'GET', `/threads/${thread}`)],
      ['200 SSE', stream],
      ['401', await s.call('cs-x-nope', 'GET', `/threads/${thread}`)],
      ['404 outside the base', await fetch(`${s.server.url}/elsewhere`)],
      ['405', await fetch(`${s.api}/threads`, { method: 'DELETE' })],
      ['204 OPTIONS', await fetch(`${s.api}/threads`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } })],
      [
        '403 OPTIONS',
        await fetch(`${s.api}/threads`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
      ],
      ['200 with CORS', await fetch(`${s.api}/threads/${thread}`, { headers: { origin: ORIGIN, authorization: `Bearer ${secret}` } })],
    ]
    expect(responses.map(([name, r]) => [name, r.headers.get('x-content-type-options')])).toEqual(responses.map(([name]) => [name, 'nosniff']))
    // The node adapter's 413 for a declared oversized body, before the handler runs.
    const tooBig = await raw(
      `POST /api/ai/v1/chatkit/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n`,
    )
    expect(tooBig).toMatch(/^HTTP\/1\.1 413[\s\S]*\r\nx-content-type-options: nosniff\r\n/)
    // node:http's own rejections (malformed request line) answer through the raw socket writer.
    expect(await raw('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400[\s\S]*\r\nx-content-type-options: nosniff\r\n/)
  })
})
