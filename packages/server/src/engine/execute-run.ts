import { ChatEvent, type InterruptRequest, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { Agent, AgentContext, AgentEvent } from '../agent/types.js'
import type { ThreadLocks } from './run-signals.js'
import type { RunEventLog } from '../events/run-event-log.js'
import type { MessageStatus, Store } from '../store/types.js'
import { iso, type Clock } from '../util/clock.js'
import { AgentProtocolError } from './agent-protocol-error.js'
import { AnswerBuilder } from './answer-builder.js'
import { DeltaSender } from './delta-sender.js'
import { driveAgent } from './drive-agent.js'
import { checkInterrupt, interruptData, sideEnvelope } from './event-envelopes.js'
import type { Turn } from './turn.js'

export type ExecuteDeps = {
  store: Store
  log: RunEventLog
  clock: Clock
  /** How often a growing answer is saved while it streams (ms). */
  persistIntervalMs: number
  onError(message: string, error: unknown): void
  /** Thread locks shared by replicas; absent with one process. */
  locks?: ThreadLocks | null
}

export type RunOutcome = { status: Exclude<MessageStatus, 'streaming'>; error: string | null }

/** Why a run was aborted; its message becomes the run's recorded reason. */
export class RunAbort extends Error {
  override name = 'RunAbort'
}

/** Thrown inside the drive loop to stop reading the agent once it interrupted. */
class Interrupted extends Error {
  constructor(readonly value: InterruptRequest) {
    super('interrupted')
  }
}

/**
 * Runs one agent turn: streams its events into the log, keeps the AI message saved (every
 * `persistIntervalMs` while streaming, and at the end), and decides the outcome. A cancelled or
 * failed run keeps its partial answer, marked `cancelled` / `error`; an interrupt stores its
 * request on the message so the resume can find it. `finish` records the outcome in the store
 * before the closing events go out, so a client that sees the end and reloads (or starts the
 * next run) already finds the final state.
 */
export async function executeRun(
  deps: ExecuteDeps,
  agent: Agent,
  ctx: AgentContext,
  turn: Turn,
  finish: (outcome: RunOutcome) => Promise<void>,
): Promise<void> {
  const { store, log, clock } = deps
  // Deltas that come faster than the log commits are merged (delta-sender.ts); order is kept.
  const append = (e: StreamEnvelope) => log.append(ctx.runId, e)
  const sender = new DeltaSender(append)
  const emit = (e: StreamEnvelope) => sender.send(e)
  const messageId = turn.ai.id
  const builder = new AnswerBuilder(messageId, turn.ai.parts)
  const outcome: RunOutcome = { status: 'success', error: null }
  const metadata = { ...turn.ai.metadata }
  let speaker: string | undefined
  let dirty = false
  const save = (status: MessageStatus, meta?: Record<string, unknown>) =>
    store.messages.update(messageId, { content: builder.parts, status, error: outcome.error, updatedAt: iso(clock), ...(meta ? { metadata: meta } : {}) })
  const timer = setInterval(() => {
    if (!dirty) return
    dirty = false
    save('streaming').catch((e) => deps.onError(`run ${ctx.runId}: periodic save failed`, e))
  }, deps.persistIntervalMs)
  timer.unref()
  try {
    const at = iso(clock)
    if (turn.ai.existing) await save('streaming', metadata)
    else {
      await store.messages.create({
        id: messageId, threadId: ctx.threadId, runId: ctx.runId, role: 'ai', content: [], status: 'streaming',
        error: null, metadata, createdAt: at, updatedAt: at,
      })
    }
    await emit({ type: 'event', event: ChatEvent.MessageStart, data: { id: messageId, role: 'ai' } })
    await driveAgent(agent.run(ctx), ctx.signal, async (ev: AgentEvent) => {
      switch (ev?.type) {
        case 'error':
          throw new AgentProtocolError(String(ev.message ?? 'agent error'))
        case 'interrupt':
          throw new Interrupted(checkInterrupt(ev.value))
        case 'text':
        case 'reasoning':
        case 'tool_start':
        case 'tool_end':
        case 'widget':
          for (const env of builder.apply(ev, speaker)) await emit(env)
          dirty = true
          return
        case 'agent_start':
        case 'agent_end':
          speaker = ev.type === 'agent_start' ? ev.agentKey : undefined
          return void (await emit(sideEnvelope(ev)))
        case 'client_effect':
        case 'usage':
        case 'chat_event':
          return void (await emit(sideEnvelope(ev)))
        default:
          throw new AgentProtocolError(`agent yielded an unknown event ${describe(ev)}`)
      }
    })
    await sender.drain()
  } catch (e) {
    if (e instanceof Interrupted) {
      outcome.status = 'interrupted'
      metadata.interrupt = e.value
      await sender.drain().catch(() => {})
      await append({ type: 'event', event: ChatEvent.Interrupt, data: interruptData(agent.id, ctx.runId, e.value) }).catch(() => {})
    } else {
      outcome.status = ctx.signal.aborted ? 'cancelled' : 'error'
      outcome.error = ctx.signal.aborted ? reasonText(ctx.signal.reason) : errorText(e)
      if (outcome.status === 'error' && !(e instanceof AgentProtocolError)) deps.onError(`run ${ctx.runId}: agent failed`, e)
    }
  } finally {
    clearInterval(timer)
  }
  // Deltas merged before a failure still reach the log (an append that failed is not retried).
  await sender.drain().catch(() => {})
  if (outcome.status !== 'success' && outcome.status !== 'interrupted') builder.settle(outcome.error ?? outcome.status)
  try {
    await save(outcome.status, metadata)
  } catch (e) {
    deps.onError(`run ${ctx.runId}: final save failed`, e)
  }
  try {
    await finish(outcome)
  } catch (e) {
    deps.onError(`run ${ctx.runId}: recording the outcome failed`, e)
  }
  try {
    // The message's own status rides along: a cut-off answer must not read as finished.
    await append({ type: 'event', event: ChatEvent.MessageEnd, data: { id: messageId, status: outcome.status } })
    await append({
      type: 'event',
      event: ChatEvent.ConversationEnd,
      data: { status: outcome.status === 'success' ? 'idle' : outcome.status, ...(outcome.error ? { error: outcome.error } : {}) },
    })
    await append({ type: 'complete' })
  } finally {
    await log.close(ctx.runId)
  }
}

/** What an unknown event was, for the error: its `type`, or the value itself (short; never throws). */
function describe(ev: unknown): string {
  const type = ev && typeof ev === 'object' ? (ev as { type?: unknown }).type : undefined
  const v = typeof type === 'string' ? type : ev
  let text: string
  try {
    text = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? `object without a string "type"` : String(v)
  } catch {
    text = typeof v
  }
  return text.length > 100 ? text.slice(0, 100) + '…' : text
}

function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e)
  return (m || 'agent error').slice(0, 2000)
}

/** A user's cancel records no error text; a server-side abort (shutdown) says why. */
function reasonText(r: unknown): string | null {
  return r instanceof RunAbort ? r.message : null
}
