import { ChatEvent, ChatEventTypes, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { Agent } from '../agent/types.js'
import type { RunEventLog } from '../events/run-event-log.js'
import type { FollowUpRecord, Store, ThreadRecord } from '../store/types.js'
import { iso, type Clock } from '../util/clock.js'
import { newId } from '../util/ids.js'
import type { SteeredInput } from './follow-ups.js'
import type { ThreadLocks } from './run-signals.js'
import type { ParsedRun } from './run-input.js'
import type { Turn } from './turn.js'

/** A follow-up ready to run: its run (status `pending`), thread, agent, request and turn. */
export type Pending = { runId: string; thread: ThreadRecord; agent: Agent; req: ParsedRun; turn: Turn }

/** What a stored follow-up carries (`FollowUpRecord.payload`): the request and its prepared turn. */
type Payload = { req: ParsedRun; turn: Turn }

type Deps = { store: Store; log: RunEventLog; clock: Clock }

/** Stores a follow-up: the queue lives in the store, so any replica can add to it and the one holding the thread takes from it. */
export function pushFollowUp(
  store: Store,
  mode: FollowUpRecord['mode'],
  threadId: string,
  runId: string,
  req: ParsedRun,
  turn: Turn,
  at: string,
): Promise<number> {
  const payload: Payload = { req, turn }
  return store.followUps.push({ id: turn.userMessage!.id, threadId, runId, mode, payload: payload as unknown as Record<string, unknown>, createdAt: at })
}

/** What the running agent sees of a steered follow-up. */
export function steeredInput(f: FollowUpRecord): SteeredInput {
  const { req, turn } = f.payload as unknown as Payload
  return { messageId: f.id, clientMessageId: req.clientMessageId, input: turn.input, record: f }
}

/**
 * Turns a taken follow-up into a run ready to launch. A queued one runs as its own pending run
 * (null when that run is no longer pending: cancelled, or interrupted by a survivor); a steered one
 * the agent never took becomes a new run (`runId`) answering it.
 */
export async function pendingOf(deps: Deps, f: FollowUpRecord, runId: string, agentOf: (id: string) => Agent | undefined): Promise<Pending | null> {
  const { store, log, clock } = deps
  const thread = await store.threads.get(f.threadId)
  if (!thread) return null
  const { req, turn } = f.payload as unknown as Payload
  const agent = agentOf(thread.assistantId)
  if (f.mode === 'queue') {
    const run = await store.runs.get(runId)
    if (run?.status !== 'pending') return null
  } else {
    const at = iso(clock)
    await store.runs.create({ id: runId, threadId: thread.id, assistantId: thread.assistantId, status: 'pending', error: null, createdAt: at, updatedAt: at })
    await log.append(runId, {
      type: 'event',
      event: ChatEvent.ChatEvent,
      data: { type: ChatEventTypes.FollowUpQueued, runId, position: 1, userMessage: turn.userMessage },
    })
  }
  if (!agent) throw new Error(`assistant ${thread.assistantId} is no longer registered on this server`)
  const fresh: Turn = { ...turn, ai: { id: newId(), parts: [], existing: false, metadata: {} }, historyCut: f.id }
  return { runId, thread, agent, req, turn: f.mode === 'steer' ? fresh : turn }
}

/** Steered messages the running agent took from the store but never consumed go back to it, to run afterwards. */
export async function requeueSteered(store: Store, left: SteeredInput[]): Promise<void> {
  for (const s of left) if (s.record) await store.followUps.push(s.record)
}

/** Ends a run that never started: recorded, and its log closed with a clear end. */
export async function endUnstarted(
  deps: Deps & { onError(message: string, error: unknown): void },
  runId: string,
  error: string | null,
  status: 'cancelled' | 'error' = 'cancelled',
): Promise<void> {
  const { store, log, clock } = deps
  const end: StreamEnvelope[] = [{ type: 'event', event: ChatEvent.ConversationEnd, data: { status, ...(error ? { error } : {}) } }, { type: 'complete' }]
  try {
    await store.runs.setStatus(runId, status, error, iso(clock))
    for (const e of end) await log.append(runId, e)
    await log.close(runId)
  } catch (e) {
    deps.onError(`run ${runId}: ending it failed`, e)
  }
}

/**
 * A message queued while another replica runs the thread is stored after that run's answer row
 * (question, answer, next question), as the engine does for its own runs: waits, at most 3 s,
 * while the thread is held and its running run has no answer yet.
 */
export async function afterRemoteAnswer(store: Store, locks: ThreadLocks | null | undefined, threadId: string): Promise<void> {
  if (!locks?.isHeld) return
  for (const until = Date.now() + 3000; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
    if (!(await locks.isHeld(threadId))) return
    const run = await store.runs.runningOf(threadId)
    if (run && (await store.messages.last(threadId, 'ai'))?.runId === run.id) return
  }
}
