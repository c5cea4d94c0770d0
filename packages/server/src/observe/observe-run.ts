import type { Span } from '@opentelemetry/api'
import type { AgentContext } from '../agent/types.js'
import type { Store } from '../store/types.js'
import type { Logger } from './logger.js'
import type { ObserveConfig, RunEndStatus } from './observer.js'
import { currentScope, inScope } from './request-scope.js'
import { Attr, inSpan, SpanNames } from './tracing.js'

/** Wraps the execution of one run (the engine calls it around `executeRun`). */
export type RunHook = (ctx: AgentContext, execute: () => Promise<void>) => Promise<void>

/** What the run's agent wrapper (observe-agent.ts) shares with its run: the start, the agent span. */
export type RunState = { t0: number; agentSpan?: Span; agentSpanOpen?: boolean }
export const runStates = new WeakMap<AgentContext, RunState>()

/**
 * The run hook: runs the execution with the run's id in the log scope (so every line logged for
 * it, errors included, carries `run_id` and the request that started it), in a `chatkit.run`
 * span when tracing, and reports it to the metrics and the log (`run started` / `run ended`,
 * with the status the store recorded and the duration).
 */
export function runHook(o: ObserveConfig & { logger?: Logger; store: Store }): RunHook {
  const { metrics, tracer, logger, store } = o
  return (ctx, execute) => {
    const scope = { requestId: currentScope()?.requestId ?? '', runId: ctx.runId, threadId: ctx.threadId }
    // Nothing configured: only the scope (an `onError` of the user's may read it); no store read.
    if (!metrics && !tracer && !logger) return inScope(scope, execute)
    return inScope(scope, async () => {
      const state: RunState = { t0: performance.now() }
      runStates.set(ctx, state)
      metrics?.runStarted()
      logger?.log('info', 'run started', { assistant_id: ctx.assistantId })
      const body = tracer
        ? () =>
            inSpan(tracer, SpanNames.run, { [Attr.runId]: ctx.runId, [Attr.threadId]: ctx.threadId, [Attr.assistantId]: ctx.assistantId }, async (span) => {
              await execute()
              span.setAttribute(Attr.status, await endStatus())
            })
        : execute
      let status: RunEndStatus = 'error'
      const endStatus = async () => (status = await recordedStatus(store, ctx.runId))
      try {
        await body()
        if (!tracer) await endStatus()
      } finally {
        if (state.agentSpanOpen) {
          state.agentSpanOpen = false
          state.agentSpan?.end()
        }
        const seconds = (performance.now() - state.t0) / 1000
        metrics?.runEnded(status, seconds)
        logger?.log(status === 'error' ? 'warn' : 'info', 'run ended', { status, duration_ms: Math.round(seconds * 1000) })
      }
    })
  }
}

/** How the run ended, as the engine recorded it ('error' when that cannot be read). */
async function recordedStatus(store: Store, runId: string): Promise<RunEndStatus> {
  const run = await store.runs.get(runId).catch(() => null)
  const s = run?.status
  return s === 'success' || s === 'cancelled' || s === 'interrupted' ? s : 'error'
}
