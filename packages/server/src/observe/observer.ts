import type { Tracer } from '@opentelemetry/api'
import type { RunStatus } from '../store/types.js'

/** How a run ended, as the metrics label it. */
export type RunEndStatus = Exclude<RunStatus, 'pending' | 'running'>

/**
 * Hooks the handler calls as work happens, for metrics (apps/server implements them with
 * `prom-client`). Each is called in-process and must be cheap: `tokens` runs once per token, so an
 * implementation adds to a number and reads it when scraped. Times are in seconds.
 */
export interface ChatKitMetricsSink {
  /** A run's agent started on this replica. */
  runStarted(): void
  /** That run ended, `seconds` after `runStarted`. */
  runEnded(status: RunEndStatus, seconds: number): void
  /** The run's first text (or reasoning) token, `seconds` after it started. */
  firstToken(seconds: number): void
  /** Text and reasoning tokens an agent produced and this replica streamed into its run's log. */
  tokens(count: number): void
  /** An answer stream (SSE) opened on this replica; `streamClosed` when it ends, either way. */
  streamOpened(): void
  streamClosed(): void
  /** Events written to this replica's answer streams. */
  eventsDelivered(count: number): void
  /** A run failed with an error from its agent (thrown or reported), not a cancel or a time limit. */
  agentError(): void
  /** A tool call ended with an error. */
  toolError(): void
  /** One store operation (`messages.update`, `threads.get`, …) took `seconds`. */
  storeOperation(op: string, seconds: number, failed: boolean): void
  /** An event appended to a run's log reached a subscriber on this replica `seconds` later. */
  eventLogLag(seconds: number): void
}

/** The observability part of the handler's config. */
export type ObserveConfig = {
  metrics?: ChatKitMetricsSink
  tracer?: Tracer
}
