import { describe, expect, it } from 'vitest'
import { MemoryRunEventLog } from '../events/memory-event-log.js'
import { runEventStream, takeDirectSse } from './sse.js'

const text = (t: string) => ({ type: 'message' as const, data: { type: 'text' as const, text: t, id: 'm' } })
const expected =
  'id: 1-0\ndata: {"type":"message","data":{"type":"text","text":"a","id":"m"}}\n\n' +
  'id: 2-0\ndata: {"type":"message","data":{"type":"text","text":"b","id":"m"}}\n\n'

/** A run with one event before the stream opens, one after, then its end. */
async function run(read: (body: ReadableStream<Uint8Array>) => Promise<string>): Promise<{ got: string; ended: number }> {
  const log = new MemoryRunEventLog()
  await log.append('r', text('a'))
  let ended = 0
  const body = (await runEventStream(log, 'r', undefined, { keepAliveMs: 60_000, onEnd: () => ended++ }))!
  const got = read(body)
  await log.append('r', text('b'))
  await log.append('r', { type: 'complete' })
  await log.close('r')
  return { got: await got, ended }
}

describe('runEventStream', () => {
  it('gives the same text to a web-stream reader and to a direct writer (node:http), then ends once', async () => {
    const web = await run((body) => new Response(body).text())
    expect(web).toEqual({ got: expected, ended: 1 })
    const direct = await run(
      (body) =>
        new Promise((resolve) => {
          let out = ''
          takeDirectSse(body)!.attach(
            (t) => (out += t),
            () => resolve(out),
          )
        }),
    )
    expect(direct).toEqual({ got: expected, ended: 1 })
  })

  it('hands its direct source out once, and not after the stream was read', async () => {
    const log = new MemoryRunEventLog()
    await log.append('r', text('a'))
    const body = (await runEventStream(log, 'r', undefined, { keepAliveMs: 60_000 }))!
    expect(takeDirectSse(body)).toBeDefined()
    expect(takeDirectSse(body)).toBeUndefined()
  })

  it('a direct writer that detaches (the client went away) stops the stream and reports it', async () => {
    const log = new MemoryRunEventLog()
    await log.append('r', text('a'))
    let gone = 0
    let ended = 0
    const body = (await runEventStream(log, 'r', undefined, { keepAliveMs: 60_000, onClientGone: () => gone++, onEnd: () => ended++ }))!
    let out = ''
    const detach = takeDirectSse(body)!.attach(
      (t) => (out += t),
      () => {},
    )
    detach()
    await log.append('r', text('b'))
    expect([out.split('\n\n').length - 1, gone, ended]).toEqual([1, 1, 1])
  })
})
