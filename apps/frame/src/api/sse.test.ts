import { describe, expect, it } from 'vitest'
import { createSSEParser, type SSEEvent } from './sse.js'

function collect() {
  const events: SSEEvent[] = []
  const comments: string[] = []
  const retries: number[] = []
  const parser = createSSEParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  })
  return { parser, events, comments, retries }
}

function parseText(chunks: string[]) {
  const c = collect()
  for (const chunk of chunks) c.parser.feed(chunk)
  c.parser.end()
  return c
}

function parseBytes(chunks: Uint8Array[]) {
  const c = collect()
  for (const chunk of chunks) c.parser.feedBytes(chunk)
  c.parser.end()
  return c
}

// A stream shaped like the run stream: ids, a keep-alive comment, multi-byte UTF-8, a named event.
const SAMPLE =
  '\uFEFFid: 17-0\r\n' +
  'data: {"type":"event","event":"on_conversation_start"}\r\n\r\n' +
  ': keep-alive\n\n' +
  'id: 18-0\r' +
  'data: {"type":"message","data":"héllo 👋 "}\r\r' +
  'retry: 3000\n' +
  'data: line one\n' +
  'data:line two\n' +
  'data\n\n' +
  'event: complete\n' +
  'data: {"type":"complete"}\n\n'

const EXPECTED: SSEEvent[] = [
  { event: 'message', data: '{"type":"event","event":"on_conversation_start"}', id: '17-0' },
  { event: 'message', data: '{"type":"message","data":"héllo 👋 "}', id: '18-0' },
  { event: 'message', data: 'line one\nline two\n', id: '18-0' },
  { event: 'complete', data: '{"type":"complete"}', id: '18-0' },
]

describe('SSE parser', () => {
  it('parses a whole stream: BOM, CRLF/CR/LF, comments, ids, retry, multi-line data', () => {
    const r = parseText([SAMPLE])
    expect(r.events).toEqual(EXPECTED)
    expect(r.comments).toEqual([' keep-alive'])
    expect(r.retries).toEqual([3000])
  })

  it('gives the same result for every split point of the text', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      const r = parseText([SAMPLE.slice(0, i), SAMPLE.slice(i)])
      expect(r.events, `split at ${i}`).toEqual(EXPECTED)
    }
  })

  it('gives the same result for every split point of the bytes (UTF-8 cut mid-character)', () => {
    const bytes = new TextEncoder().encode(SAMPLE)
    expect(bytes[0]).toBe(0xef) // the BOM is in the bytes
    for (let i = 0; i <= bytes.length; i++) {
      const r = parseBytes([bytes.slice(0, i), bytes.slice(i)])
      expect(r.events, `split at byte ${i}`).toEqual(EXPECTED)
    }
  })

  it('survives one byte at a time', () => {
    const bytes = new TextEncoder().encode(SAMPLE)
    const r = parseBytes([...bytes].map((b) => Uint8Array.of(b)))
    expect(r.events).toEqual(EXPECTED)
    expect(r.comments).toEqual([' keep-alive'])
  })

  it('drops an event without its terminating blank line at end of stream (per spec)', () => {
    const r = parseText(['data: done\n\n', 'data: cut off\n'])
    expect(r.events.map((e) => e.data)).toEqual(['done'])
    expect(parseText(['data: no newline at all']).events).toEqual([])
  })

  it('ignores empty events, unknown fields, bad retry values and ids with NUL', () => {
    const r = parseText(['id: a\n\nevent: x\n\nfoo: bar\nretry: 12x\nid: b\0c\ndata: z\n\n'])
    expect(r.events).toEqual([{ event: 'message', data: 'z', id: 'a' }])
    expect(r.retries).toEqual([])
  })

  it('strips only one space after the colon and keeps data: with empty value', () => {
    const r = parseText(['data:  two spaces\ndata:\n\n'])
    expect(r.events[0].data).toBe(' two spaces\n')
  })

  it('strips only one leading BOM', () => {
    const r = parseText(['\uFEFF\uFEFFdata: x\n\n'])
    // The second BOM is part of the first line's field name, so that line is an unknown field.
    expect(r.events).toEqual([])
  })
})
