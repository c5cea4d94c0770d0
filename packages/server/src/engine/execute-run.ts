import { randomBytes } from 'node:crypto'
import { ChatEvent, type InterruptRequest, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { Agent, AgentContext, AgentEvent, AgentFiles } from '../agent/types.js'
import type { RunHook } from '../observe/observe-run.js'
import type { ThreadLocks } from './run-signals.js'
import type { RunEventLog } from '../events/run-event-log.js'
import type { BlobStore } from '../files/blob-store.js'
import type { MessageStatus, Owner, Store } from '../store/types.js'
import { iso, type Clock } from '../util/clock.js'
import { AgentProtocolError } from './agent-protocol-error.js'
import { AnswerBuilder } from './answer-builder.js'
import { DeltaSender } from './delta-sender.js'
import { driveAgent } from './drive-agent.js'
import { periodicSavesOf } from './periodic-saves.js'
import { checkInterrupt, interruptData, sideEnvelope } from './event-envelopes.js'
import { toolAttachments } from './tool-attachments.js'
import type { Turn } from './turn.js'

export type ExecuteDeps = {
  store: Store
  log: RunEventLog
  clock: Clock
  /** Uploaded file bytes (`ctx.files`); null when uploads are off. */
  blobs: BlobStore | null
  /** `ctx.files.save` for a thread of `owner` (the handler passes services/agent-save.ts: upload limits and quotas). */
  saveFile(owner: Owner, threadId: string, file: Parameters<AgentFiles['save']>[0]): ReturnType<AgentFiles['save']>
  /** How often a growing answer is saved while it streams (ms). */
  persistIntervalMs: number
  /** Longest a run may take (ms); null: no limit. */
  maxRunMs: number | null
  onError(message: string, error: unknown): void
  /** Thread locks shared by replicas; absent with one process. */
  locks?: ThreadLocks | null
  /** Wraps each run's execution for logs, metrics and traces (observe/observe-run.ts). */
  observeRun?: RunHook | null
}

export type RunOutcome = { status: Exclude<MessageStatus, 'streaming'>; error: string | null; code?: string }

/**
 * Why the server aborted a run; its message becomes the run's recorded reason. With a `code`
 * the run failed (status `error`, e.g. `run_timeout`); without, it was cancelled (shutdown).
 */
export class RunAbort extends Error {
  override name = 'RunAbort'
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

/** The abort of a run that outlived `maxRunMs`: it ends as an error with code `run_timeout`. */
export function runTimeout(ms: number): RunAbort {
  const limit = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
  return new RunAbort(`run_timeout: the answer took longer than this server's limit of ${limit} and was stopped`, 'run_timeout')
}

/** The agent yielded `{type:'error', message}`: logged in full, shown to the user as a reference only. */
class AgentReportedError extends Error {
  override name = 'AgentReportedError'
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
  const sender = new DeltaSender(
    log.appendThen
      ? (e, done) => log.appendThen!(ctx.runId, e, done)
      : (e, done) =>
          void append(e).then(
            () => done(null),
            (error: unknown) => done(error ?? new Error('append failed')),
          ),
  )
  const emit = (e: StreamEnvelope) => sender.send(e)
  const messageId = turn.ai.id
  const builder = new AnswerBuilder(messageId, turn.ai.parts)
  const outcome: RunOutcome = { status: 'success', error: null }
  const metadata = { ...turn.ai.metadata }
  // The answer's duration, run start to end (a resumed answer adds its new run's time).
  const started = clock.now()
  const before = typeof metadata.durationMs === 'number' ? metadata.durationMs : 0
  let speaker: string | undefined
  let dirty = false
  const save = (status: MessageStatus, meta?: Record<string, unknown>) =>
    store.messages.update(messageId, { content: builder.parts, status, error: outcome.error, updatedAt: iso(clock), ...(meta ? { metadata: meta } : {}) })
  const stopSaving = periodicSavesOf(deps).add(() => {
    if (!dirty) return
    dirty = false
    save('streaming').catch((e) => deps.onError(`run ${ctx.runId}: periodic save failed`, e))
  })
  try {
    // The answer's row is made by the engine when it launches the run (run-engine.ts `launch`), its one owner.
    // Saved and announced in the same tick (two group commits that land together), not one after the other.
    await Promise.all([save('streaming', metadata), emit({ type: 'event', event: ChatEvent.MessageStart, data: { id: messageId, role: 'ai' } })])
    const owner = { assistantId: ctx.assistantId, userId: ctx.userId }
    // Returns a promise only when it must wait (driveAgent pulls the next event at once otherwise):
    // a text token that the delta sender merges or queues costs no promise here.
    const onEvent = (ev: AgentEvent): void | Promise<void> => {
      switch (ev?.type) {
        case 'error':
          throw new AgentReportedError(String(ev.message ?? 'agent error'))
        case 'interrupt':
          throw new Interrupted(checkInterrupt(ev.value))
        case 'tool_end':
          // A tool step's files: checked to be the user's and linked to the conversation before the step ends.
          if (ev.attachments !== undefined)
            return toolAttachments(store, owner, ctx.threadId, ev.attachments).then((attachments) => emitAll(builder.apply({ ...ev, attachments }, speaker)))
          return emitAll(builder.apply(ev, speaker))
        case 'text':
        case 'reasoning':
        case 'tool_start':
        case 'widget':
        case 'image':
        case 'chart':
        case 'artifact':
        case 'sources':
        case 'suggestions':
          return emitAll(builder.apply(ev, speaker))
        case 'agent_start':
        case 'agent_end':
          speaker = ev.type === 'agent_start' ? ev.agentKey : undefined
          return emit(sideEnvelope(ev))
        case 'client_effect':
        case 'usage':
        case 'chat_event':
          return emit(sideEnvelope(ev))
        default:
          throw new AgentProtocolError(`agent yielded an unknown event ${describe(ev)}`)
      }
    }
    // The answer's parts changed (apply already grew them): the next periodic save writes them.
    const emitAll = (envs: StreamEnvelope[]): void | Promise<void> => {
      dirty = true
      if (envs.length === 1) return emit(envs[0]!)
      if (envs.length > 1)
        return (async () => {
          for (const env of envs) await emit(env)
        })()
    }
    await driveAgent(agent.run(ctx), ctx.signal, onEvent)
    await sender.drain()
  } catch (e) {
    if (e instanceof Interrupted) {
      outcome.status = 'interrupted'
      metadata.interrupt = e.value
      await sender.drain().catch(() => {})
      await append({ type: 'event', event: ChatEvent.Interrupt, data: interruptData(agent.id, ctx.runId, e.value) }).catch(() => {})
    } else {
      const reason = ctx.signal.aborted ? ctx.signal.reason : undefined
      const failed = reason instanceof RunAbort && reason.code !== undefined
      outcome.status = ctx.signal.aborted && !failed ? 'cancelled' : 'error'
      outcome.error = ctx.signal.aborted ? reasonText(reason) : publicError(deps, ctx.runId, e)
      if (failed) outcome.code = reason.code
    }
  } finally {
    stopSaving()
  }
  // Deltas merged before a failure still reach the log (an append that failed is not retried).
  await sender.drain().catch(() => {})
  if (outcome.status !== 'success' && outcome.status !== 'interrupted') builder.settle(outcome.error ?? outcome.status)
  metadata.durationMs = before + Math.max(0, clock.now() - started)
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
      // `id` is the conversation, as XpertAI's on_conversation_end carries it.
      data: {
        id: ctx.threadId,
        status: outcome.status === 'success' ? 'idle' : outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(outcome.code ? { code: outcome.code } : {}),
      },
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

/**
 * What the user sees (and the store keeps) of a failed run. The server's own checks of agent
 * output (`AgentProtocolError`) describe that output and are shown as they are. Anything the agent
 * or its upstream threw or reported may carry configuration or secrets ("Incorrect API key
 * sk-…", internal URLs): the user gets a generic line with a reference, and the full text goes to
 * the server log (`onError`) under that reference.
 */
function publicError(deps: ExecuteDeps, runId: string, e: unknown): string {
  if (e instanceof AgentProtocolError) return (e.message || 'agent error').slice(0, 2000)
  const ref = randomBytes(4).toString('hex')
  deps.onError(`run ${runId}: agent failed (ref ${ref})`, e)
  return `the assistant could not answer (ref ${ref}); the server log has the details`
}

/** A user's cancel records no error text; a server-side abort (shutdown, time limit) says why. */
function reasonText(r: unknown): string | null {
  return r instanceof RunAbort ? r.message : null
}
