import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from '../testing/harness.js'
import { DRAIN_MAX_BYTES } from './unread-body.js'

// Found by a fuzz of the running server with Node's `fetch`: a large body answered before it was
// read (405, 401, 413) left the keep-alive connection stalled, so the client's next request on it
// got no response at all (or a reset). Real handler, real node:http, real sockets.
let t: TestServer
let port: number
const ROUTE_LIMIT = 64 * 1024

beforeAll(async () => {
  t = await startTestServer({ maxBodyBytes: ROUTE_LIMIT })
  port = Number(new URL(t.server.url).port)
})
afterAll(() => t.close())

type Reply = { status: number; headers: Record<string, string>; body: string }

/**
 * One client connection that reads the responses on it in order, each within `withinMs`.
 * `allowHalfOpen` lets it go on writing after the server has closed its side.
 */
function keepAlive(allowHalfOpen = false) {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen })
  let buf = Buffer.alloc(0)
  let ended = false
  let error: Error | null = null
  let wake = () => {}
  socket.on('data', (d) => ((buf = Buffer.concat([buf, d])), wake()))
  socket.on('end', () => ((ended = true), wake()))
  socket.on('error', (e) => ((error = e), wake()))
  const closed = new Promise<{ error: Error | null }>((resolve) => socket.on('close', () => resolve({ error })))

  /** Resolves once `take` finds what it needs in the buffer. */
  async function until<T>(take: () => T | undefined): Promise<T> {
    for (;;) {
      const v = take()
      if (v !== undefined) return v
      if (error) throw error
      if (ended) throw new Error('the server closed the connection before answering')
      await new Promise<void>((r) => (wake = r))
    }
  }

  async function reply(withinMs = 1_000): Promise<Reply> {
    const read = (async () => {
      const headEnd = await until(() => (buf.indexOf('\r\n\r\n') >= 0 ? buf.indexOf('\r\n\r\n') : undefined))
      const [statusLine, ...lines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n')
      buf = buf.subarray(headEnd + 4)
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      let body = ''
      if (headers['transfer-encoding'] === 'chunked') {
        for (;;) {
          const eol = await until(() => (buf.indexOf('\r\n') >= 0 ? buf.indexOf('\r\n') : undefined))
          const size = parseInt(buf.subarray(0, eol).toString(), 16)
          await until(() => (buf.length >= eol + 2 + size + 2 ? true : undefined))
          body += buf.subarray(eol + 2, eol + 2 + size).toString()
          buf = buf.subarray(eol + 2 + size + 2)
          if (size === 0) break
        }
      } else {
        const length = Number(headers['content-length'] ?? 0)
        await until(() => (buf.length >= length ? true : undefined))
        body = buf.subarray(0, length).toString()
        buf = buf.subarray(length)
      }
      return { status: Number(statusLine.split(' ')[1]), headers, body }
    })()
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no response within ${withinMs} ms`)), withinMs)))
    try {
      return await Promise.race([read, late])
    } finally {
      clearTimeout(timer)
    }
  }

  return { socket, reply, closed, send: (bytes: string | Buffer) => socket.write(bytes) }
}

const KEY = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }
const BAD = { authorization: 'Bearer not-a-secret', 'content-type': 'application/json' }

function request(method: string, path: string, headers: Record<string, string>, body = Buffer.alloc(0), chunked = false): Buffer {
  const head = [`${method} /api/ai${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)]
  head.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`)
  const payload = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), payload])
}

const bytes = (n: number) => Buffer.alloc(n, 0x61)
const SESSION = JSON.stringify({ assistant: { id: 'demo' }, user: 'early' })

// Each early answer, with a body the route never reads (or stops reading at its limit).
const refused: [string, string, Record<string, string>, number][] = [
  ['PUT', '/v1/chatkit/sessions', KEY, 405],
  ['POST', '/threads', BAD, 401],
  ['POST', '/v1/chatkit/sessions', KEY, 413],
]

describe('a body answered before it is read', () => {
  it('gets each status within 1 s on one keep-alive connection, which then serves the next request', async () => {
    const c = keepAlive()
    for (const size of [200 * 1024, DRAIN_MAX_BYTES]) {
      for (const [method, path, headers, status] of refused) {
        c.send(request(method, path, headers, bytes(size)))
        const r = await c.reply()
        expect([r.status, r.headers.connection]).toEqual([status, 'keep-alive'])
      }
    }
    c.send(request('POST', '/v1/chatkit/sessions', KEY, Buffer.from(SESSION)))
    expect((await c.reply()).status).toBe(200)
    c.socket.end()
    expect(await c.closed).toEqual({ error: null })
  })

  it('answers pipelined refused bodies in order on one connection', async () => {
    const c = keepAlive()
    c.send(
      Buffer.concat([...refused.map(([m, p, h]) => request(m, p, h, bytes(300 * 1024))), request('POST', '/v1/chatkit/sessions', KEY, Buffer.from(SESSION))]),
    )
    const statuses = []
    for (let i = 0; i <= refused.length; i++) statuses.push((await c.reply()).status)
    expect(statuses).toEqual([...refused.map((r) => r[3]), 200])
    c.socket.end()
  })

  it.each([
    ['an oversized body', false],
    ['an oversized chunked body', true],
  ])('closes the connection of %s cleanly: the status, then a FIN, never a reset', async (_name, chunked) => {
    for (const [method, path, headers, status] of refused) {
      const c = keepAlive()
      c.send(request(method, path, headers, bytes(2 * 1024 * 1024), chunked))
      const r = await c.reply()
      expect([r.status, r.headers.connection]).toEqual([status, 'close'])
      expect(JSON.parse(r.body).error.code).toBeTypeOf('string')
      expect(await c.closed).toEqual({ error: null })
    }
  })

  it('keeps reading an oversized upload after answering it, so a client still sending is not reset', async () => {
    const c = keepAlive(true)
    const upload = request('PUT', '/v1/chatkit/sessions', KEY, bytes(2 * 1024 * 1024))
    c.send(upload.subarray(0, 64 * 1024))
    const r = await c.reply()
    expect([r.status, r.headers.connection]).toEqual([405, 'close'])
    c.send(upload.subarray(64 * 1024))
    c.socket.end()
    expect(await c.closed).toEqual({ error: null })
  })
})

describe('a hostile keep-alive client', () => {
  it('gets a status for each of 1,000 mixed requests, none hanging or reset', async () => {
    const secret = await t.session('hostile')
    const user = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
    // method, path, headers, body size, status with that body, status with a small non-JSON one.
    const kinds: [string, string, Record<string, string>, number, number, number][] = [
      ['PUT', '/v1/chatkit/sessions', KEY, 2 * 1024 * 1024, 405, 405],
      ['POST', '/threads', BAD, 300 * 1024, 401, 401],
      ['POST', '/v1/chatkit/sessions', KEY, 2 * 1024 * 1024, 413, 400],
      ['POST', '/threads', user, 0, 200, 200],
      ['DELETE', '/conversations/missing', user, 100 * 1024, 404, 404],
      ['POST', '/conversations/search', user, 300 * 1024, 413, 400],
      ['PATCH', '/threads', user, 300 * 1024, 405, 405],
    ]
    const outcomes: Record<string, number> = {}
    let next = 0
    const worker = async () => {
      while (next < 1_000) {
        const i = next++
        const [method, path, headers, size, bigStatus, smallStatus] = kinds[i % kinds.length]
        // The full size on a quarter of the requests keeps the run short on a busy machine.
        const big = size > 0 && i % 4 === 0
        const body = method === 'GET' ? undefined : size === 0 ? '{}' : bytes(big ? size : 4096)
        let outcome: string
        try {
          const res = await fetch(`${t.api}${path}`, { method, headers, body, signal: AbortSignal.timeout(5_000) })
          await res.arrayBuffer()
          outcome = res.status === (big || size === 0 ? bigStatus : smallStatus) ? 'answered' : `${method} ${path} ${big ? 'big' : 'small'}: ${res.status}`
        } catch (e) {
          outcome = (e as Error).name === 'TimeoutError' ? 'hang' : `error ${String((e as { cause?: unknown }).cause ?? e)}`
        }
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    expect(outcomes).toEqual({ answered: 1_000 })
  }, 60_000)
})
