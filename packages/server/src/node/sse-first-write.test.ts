/**
 * Enter → first character (issue 18): a run's response headers and the events logged before it
 * answered (`on_conversation_start`, and the answer's `on_message_start`, committed together)
 * leave in one socket write, so the browser reads them in one
 * go instead of taking the headers, then waiting for its network service to read the socket
 * again for the first event. Real handler, node:http, the SQLite run-event log (as the CLI runs
 * it); the server side of each connection records its socket writes (`net.Socket#_writeGeneric`,
 * called once per write or writev).
 */
import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envelopesOf } from '../testing/envelopes.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

let s: TestServer
/** The server's socket writes since the last clear, in order. */
const writes: string[] = []

beforeAll(async () => {
  s = await startTestServer({ delayMs: 0, sqliteEventLog: true })
  s.server.server.on('connection', (socket: Socket & { _writeGeneric(writev: boolean, data: unknown, ...rest: unknown[]): unknown }) => {
    const real = socket._writeGeneric.bind(socket)
    socket._writeGeneric = (writev, data, ...rest) => {
      const chunks = writev ? (data as { chunk: unknown }[]).map((c) => c.chunk) : [data]
      writes.push(chunks.map(String).join(''))
      return real(writev, data, ...rest)
    }
  })
})
afterAll(() => s.close())

describe('a run’s SSE response on node:http', () => {
  it('sends the headers, the run’s first event and the answer’s start in one write, then the rest of the answer', async () => {
    const secret = await s.session('first-write')
    writes.length = 0
    const res = await s.call(secret, 'POST', `/threads/${randomUUID()}/runs/stream`, { ...s.runBody('hello'), if_not_exists: 'create' })
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(writes[0]).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(writes[0]).toContain('content-type: text/event-stream')
    expect(writes[0]).toContain('"event":"on_conversation_start"')
    // The agent starts while the run's first event commits: the answer's start is in the same write.
    expect(writes[0]).toContain('"event":"on_message_start"')
    const envs = envelopesOf(text)
    expect(envs[0]).toMatchObject({ type: 'event', event: 'on_conversation_start' })
    expect(envs.at(-1)).toMatchObject({ type: 'event', event: 'on_conversation_end' })
  })
})
