/**
 * Incremental `text/event-stream` parser, per the WHATWG HTML "server-sent events" parsing rules.
 * Pure and transport-free: feed it decoded text (or bytes) in chunks of any size, split anywhere.
 * We parse the body of a `fetch` POST ourselves because `EventSource` can only GET and cannot
 * send an `Authorization` header.
 */

export type SSEEvent = {
  /** `event:` field, `'message'` when absent. */
  event: string
  /** The `data:` lines joined with `\n`. */
  data: string
  /** The last event id seen so far on this stream (`id:` persists across events, per spec). */
  id: string
}

export type SSEHandlers = {
  onEvent(event: SSEEvent): void
  /** A valid `retry:` field (milliseconds). */
  onRetry?(ms: number): void
  /** A comment line (`: keep-alive`), without the colon. */
  onComment?(text: string): void
}

export type SSEParser = {
  /** Feeds decoded text. */
  feed(text: string): void
  /** Feeds raw bytes; UTF-8 sequences split across chunks are decoded correctly. */
  feedBytes(bytes: Uint8Array): void
  /** End of stream: an event without its terminating blank line is dropped, as the spec says. */
  end(): void
}

export function createSSEParser(handlers: SSEHandlers): SSEParser {
  // ignoreBOM: the parser strips exactly one leading BOM itself, for text and bytes alike.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let buffer = ''
  let started = false
  // A chunk that ends in CR may be the first half of a CRLF pair.
  let skipLeadingLF = false
  let data = ''
  let hasData = false
  let eventType = ''
  let lastId = ''

  const dispatch = () => {
    if (hasData) handlers.onEvent({ event: eventType || 'message', data, id: lastId })
    data = ''
    hasData = false
    eventType = ''
  }

  const line = (text: string) => {
    if (text === '') return dispatch()
    const colon = text.indexOf(':')
    if (colon === 0) return handlers.onComment?.(text.slice(1))
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    switch (field) {
      case 'data':
        data = hasData ? data + '\n' + value : value
        hasData = true
        break
      case 'event':
        eventType = value
        break
      case 'id':
        if (!value.includes('\0')) lastId = value
        break
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value))
        break
      // Unknown fields are ignored, per spec.
    }
  }

  const feed = (chunk: string) => {
    if (!chunk) return
    if (!started) {
      started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    if (skipLeadingLF && chunk[0] === '\n') chunk = chunk.slice(1)
    skipLeadingLF = false
    buffer += chunk
    let start = 0
    // Cached positions of the next CR and LF, so a long chunk without CRs is scanned once.
    let cr = -2
    let lf = -2
    for (;;) {
      if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start)
      if (lf !== -1 && lf < start) lf = buffer.indexOf('\n', start)
      if (cr < 0 && lf < 0) break
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf)
      line(buffer.slice(start, end))
      if (end === cr) {
        if (end + 1 === buffer.length) {
          skipLeadingLF = true
          start = end + 1
          break
        }
        start = buffer[end + 1] === '\n' ? end + 2 : end + 1
      } else {
        start = end + 1
      }
    }
    buffer = buffer.slice(start)
  }

  return {
    feed,
    feedBytes: (bytes) => feed(decoder.decode(bytes, { stream: true })),
    end() {
      feed(decoder.decode())
      // Whatever is left is an unterminated line of an unterminated event: dropped.
      buffer = ''
      data = ''
      hasData = false
      eventType = ''
    },
  }
}
