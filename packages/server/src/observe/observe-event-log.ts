import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { RunEventListener, RunEventLog } from '../events/run-event-log.js'
import type { ObserveConfig } from './observer.js'
import { overlay } from './overlay.js'
import { Attr, inSpan, SpanNames } from './tracing.js'

/**
 * The run-event log with its answer streams counted (`streamOpened`/`streamClosed`, events
 * delivered), its lag sampled (`eventLogLag`: an append's start to its delivery to a subscriber
 * on this replica that was already following the run, one append in flight per run at a time, so a
 * replay on joining is not counted as lag) and, with a tracer, each
 * append in a `chatkit.event_log append` span. Other members (a backend's own) pass through.
 * Per token this costs a counter add and, for the sampled appends, a clock read and a Map entry.
 */
export function observeEventLog(log: RunEventLog, { metrics, tracer }: ObserveConfig): RunEventLog {
  /** When the oldest append not yet seen by a local subscriber started, per run. */
  const sent = new Map<string, number>()
  /** Local subscribers following each run. */
  const following = new Map<string, number>()
  const rawAppend = (runId: string, envelope: StreamEnvelope) => {
    if (metrics && following.has(runId) && !sent.has(runId)) sent.set(runId, performance.now())
    return log.append(runId, envelope)
  }
  const append = tracer
    ? (runId: string, envelope: StreamEnvelope) => inSpan(tracer, `${SpanNames.eventLog} append`, { [Attr.runId]: runId }, () => rawAppend(runId, envelope))
    : rawAppend
  const close = async (runId: string) => {
    sent.delete(runId)
    await log.close(runId)
  }
  const subscribe = async (runId: string, afterId: string | undefined, listener: RunEventListener) => {
    if (!metrics) return log.subscribe(runId, afterId, listener)
    const unsubscribe = await log.subscribe(runId, afterId, {
      event(e) {
        const t0 = sent.get(runId)
        if (t0 !== undefined) {
          sent.delete(runId)
          metrics.eventLogLag((performance.now() - t0) / 1000)
        }
        metrics.eventsDelivered(1)
        listener.event(e)
      },
      end: () => listener.end(),
    })
    if (!unsubscribe) return null
    metrics.streamOpened()
    following.set(runId, (following.get(runId) ?? 0) + 1)
    let open = true
    return () => {
      if (open) {
        open = false
        metrics.streamClosed()
        const left = following.get(runId)! - 1
        if (left > 0) following.set(runId, left)
        else following.delete(runId)
      }
      unsubscribe()
    }
  }
  // No `appendThen`: the engine's token appends then go through the observed `append` above.
  return overlay(log, { append, appendThen: undefined, close, subscribe })
}
