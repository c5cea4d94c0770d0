import { describe, expect, it } from 'vitest'
import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { DeltaSender } from './delta-sender.js'

const text = (t: string, extra: Record<string, unknown> = {}): StreamEnvelope => ({
  type: 'message',
  data: { type: 'text', text: t, id: 'm1', ...extra } as never,
})
const reasoning = (t: string): StreamEnvelope => ({ type: 'message', data: { type: 'reasoning', text: t, id: 'm1' } })
const side: StreamEnvelope = { type: 'event', event: 'on_chat_event', data: { type: 'x' } }

/** A log whose appends commit when the test says so (like the SQLite log's group commit). */
function manualLog() {
  const appended: StreamEnvelope[] = []
  const waiting: (() => void)[] = []
  return {
    appended,
    append: (e: StreamEnvelope, done: (error: unknown) => void) => {
      appended.push(structuredClone(e))
      waiting.push(() => done(null))
    },
    /** Commits every append made so far; lets their callers run on. */
    async commit() {
      for (const done of waiting.splice(0)) done()
      await new Promise((r) => setTimeout(r, 0))
    },
  }
}

const texts = (list: StreamEnvelope[]) =>
  list.map((e) => (e.type === 'message' && typeof e.data === 'object' && 'text' in e.data ? e.data.text : `<${e.type}>`))

describe('DeltaSender', () => {
  it('sends the first delta at once and merges the ones that come while it commits', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    await sender.send(text('a'))
    expect(texts(log.appended)).toEqual(['a'])
    for (const t of ['b', 'c', 'd']) await sender.send(text(t))
    expect(texts(log.appended)).toEqual(['a'])
    await log.commit()
    expect(texts(log.appended)).toEqual(['a', 'bcd'])
    await log.commit()
    await sender.drain()
    expect(texts(log.appended)).toEqual(['a', 'bcd'])
  })

  it('sends delta by delta when each commits before the next arrives (a slow agent)', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    for (const t of ['a', 'b', 'c']) {
      await sender.send(text(t))
      await log.commit()
    }
    expect(texts(log.appended)).toEqual(['a', 'b', 'c'])
  })

  it('keeps order: another envelope waits for the deltas before it, and later deltas wait for it', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    await sender.send(text('a'))
    await sender.send(text('b'))
    const sideSent = sender.send(side)
    await log.commit() // a
    await log.commit() // b
    await log.commit() // side
    await sideSent
    await sender.send(text('c'))
    await log.commit()
    await sender.drain()
    expect(texts(log.appended)).toEqual(['a', 'b', '<event>', 'c'])
  })

  it('never merges across speakers: text and reasoning, or two agents', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    await sender.send(text('a'))
    await sender.send(text('b'))
    const next = sender.send(reasoning('r'))
    await log.commit()
    await log.commit()
    await next
    const other = sender.send(text('x', { agentKey: 'writer' }))
    await log.commit()
    await log.commit()
    await other
    await log.commit()
    await sender.drain()
    expect(log.appended.map((e) => (e as { data: { type: string; text: string; agentKey?: string } }).data)).toEqual([
      { type: 'text', text: 'a', id: 'm1' },
      { type: 'text', text: 'b', id: 'm1' },
      { type: 'reasoning', text: 'r', id: 'm1' },
      { type: 'text', text: 'x', id: 'm1', agentKey: 'writer' },
    ])
  })

  it('merges at most maxChars into one event, then waits (backpressure)', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append, 4)
    await sender.send(text('a'))
    for (const t of ['bb', 'cc']) await sender.send(text(t))
    let waited = true
    const wait = sender.send(text('dd'))
    expect(wait).toBeInstanceOf(Promise)
    const full = wait!.then(() => (waited = false))
    await new Promise((r) => setTimeout(r, 0))
    expect(waited).toBe(true)
    await log.commit()
    await log.commit()
    await full
    await log.commit()
    await sender.drain()
    expect(texts(log.appended)).toEqual(['a', 'bbcc', 'dd'])
  })

  it('returns no promise for a delta it merges or queues: the caller goes on at once', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    expect(sender.send(text('a'))).toBeUndefined()
    expect(sender.send(text('b'))).toBeUndefined()
    expect(sender.send({ type: 'event', event: 'on_message_end', data: { id: 'm1' } })).toBeInstanceOf(Promise)
  })

  it('does not change the envelopes it was given', async () => {
    const log = manualLog()
    const sender = new DeltaSender(log.append)
    const first = text('a')
    const second = text('b')
    await sender.send(first)
    await sender.send(second)
    await sender.send(text('c'))
    await log.commit()
    await log.commit()
    expect([first, second].map((e) => (e as { data: { text: string } }).data.text)).toEqual(['a', 'b'])
  })

  it('reports a failed append on the next send and on drain', async () => {
    const failing = new DeltaSender((_e, done) => void Promise.resolve().then(() => done(new Error('log closed'))))
    await failing.send(text('a'))
    await expect(failing.drain()).rejects.toThrow('log closed')
    await expect(failing.send(text('b'))).rejects.toThrow('log closed')
  })
})
