import { describe, expect, it } from 'vitest'
import { MAX_BODY_DEPTH, nestedDeeperThan, readBytes, readJson } from './body.js'
import { HttpError } from './errors.js'

const post = (body: BodyInit, type = 'application/json') => new Request('http://x/', { method: 'POST', body, headers: { 'content-type': type } })
const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)

async function rejection(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(HttpError)
  return e as HttpError
}

describe('readJson', () => {
  it('refuses bodies nested deeper than the limit with a 400 (JSON.stringify would overflow the stack later)', async () => {
    expect(await readJson(post(deep(MAX_BODY_DEPTH)), 1 << 20)).toBeTypeOf('object')
    for (const n of [MAX_BODY_DEPTH + 1, 100_000]) {
      const e = await rejection(readJson(post(deep(n)), 1 << 20))
      expect([e.status, e.code]).toEqual([400, 'invalid_json'])
      expect(e.message).toContain(`nested deeper than ${MAX_BODY_DEPTH} levels`)
    }
  })

  it('counts arrays and objects alike, without recursion', () => {
    expect(nestedDeeperThan([[[1]]], 3)).toBe(false)
    expect(nestedDeeperThan([[[[1]]]], 3)).toBe(true)
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false)
    expect(nestedDeeperThan('x', 0)).toBe(false)
    expect(nestedDeeperThan(JSON.parse(deep(200_000)), 10)).toBe(true)
  })
})

describe('readBytes', () => {
  it('turns a body stream that fails (the client went away mid-body) into a 400, not an unexpected error', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":'))
        c.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
      },
    })
    const req = new Request('http://x/', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit)
    const e = await rejection(readBytes(req, 1024))
    expect([e.status, e.code]).toEqual([400, 'incomplete_body'])
  })
})
