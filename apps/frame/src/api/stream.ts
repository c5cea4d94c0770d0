import { createSSEParser, type SSEEvent } from './sse.js'

/**
 * Reads a `text/event-stream` response body to its end, calling `onEvent` for each event as its
 * bytes arrive. Resolves at end of stream; rejects (AbortError) when the fetch is aborted.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (e: SSEEvent) => void): Promise<void> {
  const reader = body.getReader()
  const parser = createSSEParser({ onEvent })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feedBytes(value)
    }
    parser.end()
  } finally {
    reader.releaseLock()
  }
}
