import { createSSEParser, type SSEEvent } from './sse.js'

/**
 * Reads a `text/event-stream` response body to its end, calling `onEvent` for each event as its
 * bytes arrive. Resolves at end of stream; rejects with an AbortError once `signal` aborts.
 * Browsers already error the body when its fetch is aborted; cancelling the reader ourselves
 * also covers bodies that are not tied to the signal (and makes the behaviour testable).
 * `onBytes` hears every chunk, keep-alive comments included (a stall watchdog's heartbeat).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SSEEvent) => void,
  signal?: AbortSignal,
  onBytes?: () => void,
): Promise<void> {
  const reader = body.getReader()
  const parser = createSSEParser({ onEvent })
  const onAbort = () => void reader.cancel().catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      if (signal?.aborted) throw new DOMException('the stream was aborted', 'AbortError')
      const { done, value } = await reader.read()
      if (signal?.aborted) throw new DOMException('the stream was aborted', 'AbortError')
      if (done) break
      onBytes?.()
      parser.feedBytes(value)
    }
    parser.end()
  } finally {
    signal?.removeEventListener('abort', onAbort)
    reader.releaseLock()
  }
}
