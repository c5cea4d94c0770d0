import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { ChatKitMetricsSink, RunEndStatus } from '@xpert-ai/chatkit-server'

/**
 * The figures an operator pages on, for one replica (each replica serves its own; Prometheus
 * adds the `instance` label per scrape target). Per-token hooks add to plain numbers that the
 * counters read when scraped; histograms are observed per run, per store operation and per
 * sampled append, never per token. Names and PromQL: README "Running at scale" → Metrics.
 */
export function createPrometheusMetrics(): { sink: ChatKitMetricsSink; registry: Registry; setFollowUpSource(read: () => number | Promise<number>): void } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const n = { runs: 0, streams: 0, streamsOpened: 0, tokens: 0, events: 0, agentErrors: 0, toolErrors: 0 }
  let followUps: () => number | Promise<number> = () => 0
  const registers = [registry]
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset()
        this.inc(read())
      },
    })
  const gauge = (name: string, help: string, read: () => number | Promise<number>) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        this.set(await read())
      },
    })

  gauge('chatkit_runs_active', 'Runs whose agent is executing on this replica.', () => n.runs)
  gauge('chatkit_sse_streams_active', 'Answer streams (SSE) open on this replica.', () => n.streams)
  gauge('chatkit_follow_up_queue_depth', "Follow-ups queued behind their thread's run on this replica.", () => followUps())
  counter('chatkit_sse_streams_total', 'Answer streams (SSE) opened on this replica: new runs and rejoins.', () => n.streamsOpened)
  counter('chatkit_sse_events_total', 'Events written to answer streams on this replica.', () => n.events)
  counter('chatkit_tokens_total', 'Text and reasoning tokens agents produced on this replica and streamed to their runs.', () => n.tokens)
  counter('chatkit_agent_errors_total', 'Runs failed by an error of their agent (thrown or reported; not cancels or time limits).', () => n.agentErrors)
  counter('chatkit_tool_errors_total', 'Tool calls that ended with an error.', () => n.toolErrors)
  const ttft = new Histogram({
    name: 'chatkit_time_to_first_token_seconds',
    help: "From a run's start to its first text or reasoning token.",
    registers,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
  })
  const duration = new Histogram({
    name: 'chatkit_run_duration_seconds',
    help: 'Run durations by how they ended (success, error, cancelled, interrupted).',
    registers,
    labelNames: ['status'],
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  })
  const lag = new Histogram({
    name: 'chatkit_event_log_lag_seconds',
    help: 'From an append to the run-event log to its delivery to a subscriber on this replica (sampled).',
    registers,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  })
  const store = new Histogram({
    name: 'chatkit_store_operation_seconds',
    help: 'Store operation latency by operation (threads.get, messages.update, …).',
    registers,
    labelNames: ['operation'],
    buckets: [0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  })
  const storeErrors = new Counter({
    name: 'chatkit_store_errors_total',
    help: 'Store operations that failed, by operation.',
    labelNames: ['operation'],
    registers,
  })
  // `labels()` builds an object per call: keep one child per label value.
  const durationBy = new Map<RunEndStatus, ReturnType<typeof duration.labels>>()
  const storeBy = new Map<string, ReturnType<typeof store.labels>>()

  const sink: ChatKitMetricsSink = {
    runStarted: () => void n.runs++,
    runEnded(status, seconds) {
      n.runs--
      let child = durationBy.get(status)
      if (!child) durationBy.set(status, (child = duration.labels(status)))
      child.observe(seconds)
    },
    firstToken: (seconds) => ttft.observe(seconds),
    tokens: (count) => void (n.tokens += count),
    streamOpened: () => void (n.streams++, n.streamsOpened++),
    streamClosed: () => void n.streams--,
    eventsDelivered: (count) => void (n.events += count),
    agentError: () => void n.agentErrors++,
    toolError: () => void n.toolErrors++,
    storeOperation(op, seconds, failed) {
      let child = storeBy.get(op)
      if (!child) storeBy.set(op, (child = store.labels(op)))
      child.observe(seconds)
      if (failed) storeErrors.inc({ operation: op })
    },
    eventLogLag: (seconds) => lag.observe(seconds),
  }
  return { sink, registry, setFollowUpSource: (read) => void (followUps = read) }
}
