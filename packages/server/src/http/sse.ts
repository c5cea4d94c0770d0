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
 * A byte stream of a run's events after `afterId`, following live until the log closes, with
 * `: keep-alive` comments between. Resolves to null when the log does not know the run.
 * Queued bytes are bounded by the run's own length, since runs are finite.
 */
export async function runEventStream(
  log: RunEventLog,
  runId: string,
  afterId: string | undefined,
  options: SseOptions,
): Promise<ReadableStream<Uint8Array> | null> {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closed = false
  let keepAlive: NodeJS.Timeout | undefined
  let unsubscribe: (() => void) | null = null
  const stop = () => {
    closed = true
    clearInterval(keepAlive)
    unsubscribe?.()
    options.onEnd?.()
  }
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => {
      stop()
      options.onClientGone?.()
    },
  })
  unsubscribe = await log.subscribe(runId, afterId, {
    event: (e) => {
      const text = closed ? '' : formatSseEvent(e)
      if (text) controller.enqueue(encoder.encode(text))
    },
    end: () => {
      if (closed) return
      stop()
      controller.close()
    },
  })
  if (!unsubscribe) {
    stop()
    return null
  }
  if (closed) unsubscribe()
  else {
    keepAlive = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), options.keepAliveMs)
    keepAlive.unref()
  }
  return stream
}
