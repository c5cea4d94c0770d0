import { SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api'

/** Span and attribute names the server emits (docs: README "Running at scale" → Traces). */
export const SpanNames = {
  request: 'chatkit.request',
  run: 'chatkit.run',
  agent: 'chatkit.agent',
  tool: 'chatkit.tool',
  store: 'chatkit.store',
  eventLog: 'chatkit.event_log',
} as const

export const Attr = {
  requestId: 'chatkit.request_id',
  runId: 'chatkit.run_id',
  threadId: 'chatkit.thread_id',
  assistantId: 'chatkit.assistant_id',
  status: 'chatkit.run.status',
  tool: 'chatkit.tool.name',
  op: 'chatkit.operation',
} as const

/** Marks a span failed with `error` recorded on it. */
export function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error))
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
}

/**
 * Runs `fn` inside an active span (so spans it starts, store and event-log ones included, are its
 * children), ending the span when `fn` settles and marking it failed when `fn` throws.
 */
export function inSpan<T>(tracer: Tracer, name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span)
    } catch (e) {
      failSpan(span, e)
      throw e
    } finally {
      span.end()
    }
  })
}
