import type { RunEvent, RunEventLog } from '../events/run-event-log.js'

const encoder = new TextEncoder()

/**
 * One SSE event, with its log id so a client can resume after it; an `error` envelope also carries
 * `event: error` (the XpertAI format). The log's closing `complete` marker is not sent: a run's
 * last event is `on_conversation_end` and then the stream closes, as XpertAI's server ends a run
 * (its frames of late 2025 render a `{"type":"complete"}` event as an empty extra message).
 */
export function formatSseEvent(e: RunEvent): string {
  if (e.envelope.type === 'complete') return ''
  const name = e.envelope.type === 'error' ? 'event: error\n' : ''
  return `id: ${e.id}\n${name}data: ${e.json ?? JSON.stringify(e.envelope)}\n\n`
}

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // nginx and similar proxies otherwise buffer the stream and the answer arrives all at once.
  'x-accel-buffering': 'no',
}

export type SseOptions = {
  keepAliveMs: number
  /** The client went away (the run goes on unless the caller decides otherwise). */
  onClientGone?: () => void
  /** The stream ended, either way (or was never opened: the log did not know the run). */
  onEnd?: () => void
}

/**
 * A way to take an SSE body's text without the web-stream machinery: node:http (serve-node) writes
 * each event's string straight to the socket instead of encoding it, queueing it in the stream and
 * reading it back (a few promises per event, per client). Other hosts read the stream as usual.
 */
export type DirectSse = {
  /** Sends the text so far and then each event's text to `write`; `end` once the stream ends. Returns `detach` (the client went away). */
  attach(write: (text: string) => void, end: () => void): () => void
}
const direct = new WeakMap<ReadableStream<Uint8Array>, DirectSse>()

/** The direct text source of an SSE body made by `runEventStream`, once, before anyone reads it. */
export function takeDirectSse(body: ReadableStream<Uint8Array>): DirectSse | undefined {
  const d = direct.get(body)
  direct.delete(body)
  return d
}

type Sink = { text(s: string): void; close(): void }

/**
 * A byte stream of a run's events after `afterId`, following live until the log closes, with
 * `: keep-alive` comments between. Resolves to null when the log does not know the run.
 * Queued bytes are bounded by the run's own length, since runs are finite. Until its reader is
 * known (the stream's first read, or `takeDirectSse`) the text is kept as one string.
 */
export async function runEventStream(
  log: RunEventLog,
  runId: string,
  afterId: string | undefined,
  options: SseOptions,
): Promise<ReadableStream<Uint8Array> | null> {
  let sink: Sink | null = null
  let pending = ''
  let ended = false
  let closed = false
  let keepAlive: NodeJS.Timeout | undefined
  let unsubscribe: (() => void) | null = null
  const write = (text: string) => (sink ? sink.text(text) : (pending += text))
  const stop = () => {
    closed = true
    clearInterval(keepAlive)
    unsubscribe?.()
    options.onEnd?.()
  }
  const gone = () => {
    if (!closed) stop()
    options.onClientGone?.()
  }
  const use = (s: Sink) => {
    sink = s
    if (pending) s.text(pending)
    pending = ''
    if (ended) s.close()
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull: (c) => {
        if (!sink) use({ text: (t) => c.enqueue(encoder.encode(t)), close: () => c.close() })
      },
      cancel: gone,
    },
    { highWaterMark: 0 },
  )
  direct.set(stream, {
    attach(text, end) {
      use({ text, close: end })
      return gone
    },
  })
  unsubscribe = await log.subscribe(runId, afterId, {
    event: (e) => {
      const text = closed ? '' : formatSseEvent(e)
      if (text) write(text)
    },
    end: () => {
      if (closed) return
      stop()
      ended = true
      sink?.close()
    },
  })
  if (!unsubscribe) {
    stop()
    return null
  }
  if (closed) unsubscribe()
  else {
    keepAlive = setInterval(() => write(': keep-alive\n\n'), options.keepAliveMs)
    keepAlive.unref()
  }
  return stream
}
