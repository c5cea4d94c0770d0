import { describe, expect, it } from 'vitest'
import { userMessageSent } from './actions.js'
import { messagesFromApi } from './from-api.js'
import { inPlace } from './in-place.js'
import { reduce } from './reducer.js'
import { emptyThread, type ThreadState } from './types.js'

const step = (i: number, status: string) => ({
  type: 'message',
  data: { type: 'component', id: `step-${i}`, data: { type: 'lookup', status, ...(status === 'running' ? { input: { i } } : { output: { i } }) } },
})
const reasoning = (t: string) => ({ type: 'message', data: { type: 'reasoning', text: t, id: 'ai-1' } })
const text = (t: string) => ({ type: 'message', data: { type: 'text', text: t, id: 'ai-1' } })
const image = { type: 'message', data: { type: 'image_url', image_url: { url: 'https://example.com/a.png', alt: 'a' } } }

/** A mix of everything that touches the parts: steps ended in and out of order, reasoning, text, an image. */
function stream(): unknown[] {
  const out: unknown[] = [reasoning('thinking '), reasoning('more')]
  for (let i = 0; i < 30; i++) out.push(step(i, 'running'))
  for (let i = 29; i >= 0; i -= 2) out.push(step(i, 'success'))
  out.push(text('after '), reasoning('again'), step(30, 'running'), text('the '), image, text('end'))
  for (let i = 0; i < 30; i += 2) out.push(step(i, 'fail'))
  return out
}

const start = (): ThreadState => ({ ...userMessageSent(emptyThread, 'hi', 'tmp_1', undefined, 1000), phase: 'running' })
const oneByOne = (events: unknown[], s = start()) => events.reduce<ThreadState>((acc, e, i) => reduce(acc, e, i), s)
/** `events` in batches of `size`, as the frame applies them (one batch per animation frame). */
function batched(events: unknown[], size: number, seen: ThreadState[] = []) {
  let s = start()
  for (let b = 0; b < events.length; b += size) {
    s = inPlace(() => events.slice(b, b + size).reduce<ThreadState>((acc, e, k) => reduce(acc, e, b + k), s))
    seen.push(s)
  }
  return s
}

describe('in-place batches (model/in-place.ts)', () => {
  it('give the same thread as applying each event on its own, in any batch size', () => {
    const events = stream()
    const expected = oneByOne(events)
    expect(expected.messages.at(-1)!.parts.filter((p) => p.type === 'component')).toHaveLength(31)
    for (const size of [1, 2, 7, 64, events.length]) expect(batched(events, size)).toEqual(expected)
  })

  it('never change a state that a batch already published', () => {
    const events = stream()
    const seen: ThreadState[] = []
    batched(events, 5, seen)
    // Each published state, frozen as it was, equals the same prefix applied event by event.
    for (const [k, s] of seen.entries()) expect(s).toEqual(oneByOne(events.slice(0, (k + 1) * 5)))
  })

  it("copy a message's parts once per batch, not once per event", () => {
    const before = start()
    let first: unknown = null
    const after = inPlace(() => {
      let s = before
      for (let i = 0; i < 2000; i++) {
        s = reduce(reduce(s, step(i, 'running'), 1), step(i, 'success'), 2)
        first ??= s.messages.at(-1)!.parts
        // The same array all batch long: no copy per event (one would cost O(steps) each time).
        expect(s.messages.at(-1)!.parts).toBe(first)
      }
      return s
    })
    expect(after.messages.at(-1)!.parts).toHaveLength(2000)
    expect(before.messages.at(-1)!.parts).toHaveLength(1)
    // Outside a batch, every change copies, as before.
    const next = reduce(after, step(0, 'fail'), 3)
    expect(next.messages.at(-1)!.parts).not.toBe(after.messages.at(-1)!.parts)
    expect((after.messages.at(-1)!.parts[0] as { data: { status: string } }).data.status).toBe('success')
  })

  it('apply to stored messages: 10,000 stored steps load whole', () => {
    const content = Array.from({ length: 10_000 }, (_, i) => ({ type: 'component', id: `s${i}`, data: { status: 'success' } }))
    const [m] = messagesFromApi([{ id: 'a', role: 'ai', status: 'success', content: [...content, { type: 'component', id: 's0', data: { status: 'fail' } }] }])
    expect(m.parts).toHaveLength(10_000)
    expect(m.parts[0]).toMatchObject({ id: 's0', data: { status: 'fail' } })
  })
})
