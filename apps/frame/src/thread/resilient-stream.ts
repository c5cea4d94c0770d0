/**
 * Follows one run's event stream to its terminal event across broken connections. When the
 * stream errors, stalls (no bytes, not even a keep-alive, for a few keep-alive intervals) or ends
 * before its last event (`on_conversation_end`, `error`, `complete`), it rejoins the run with `Last-Event-ID` = the last id received,
 * with jittered exponential backoff, waiting for the browser to be online first, until an overall
 * deadline. Each event id reaches `onEvent` once, whatever the server replays.
 */
import { ApiErrorCodes, ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { ApiError, isAbortError, readEventStream, type RunStream, type SSEEvent } from '../api/index.js'
import type { Connectivity } from './connectivity.js'

export type ReconnectPolicy = {
  /** First backoff delay (ms); doubles per attempt without progress, up to `maxDelayMs`. */
  firstDelayMs: number
  maxDelayMs: number
  /** Longest outage (ms, while online) before giving up. */
  deadlineMs: number
  /** Most attempts in a row that deliver no new event. */
  maxAttempts: number
  /** Silence (ms) that counts as a stall when the server did not say its keep-alive interval. */
  stallMs: number
  /** With a known interval, a stall is 2.5 intervals of silence, but never less than this (ms). */
  minStallMs: number
}

export const defaultPolicy: ReconnectPolicy = { firstDelayMs: 250, maxDelayMs: 4000, deadlineMs: 30_000, maxAttempts: 60, stallMs: 45_000, minStallMs: 2000 }

export type FollowDeps = {
  /** Opens the run (the POST). Not repeated: a run is started once, then only rejoined. */
  start(signal: AbortSignal): Promise<RunStream>
  /** A run already going on the server (rejoined, not started): a failed first open is rejoined too. */
  runId?: string
  /** Rejoins `runId` after `lastEventId` (from the start when null). */
  join(runId: string, lastEventId: string | null, signal: AbortSignal): Promise<RunStream>
  /** A stream opened (the run id is known from the first). */
  onOpen(runId: string | null): void
  /** Each event once, in order; returns true for the run's terminal event (`on_conversation_end`, `error`, `complete`). */
  onEvent(e: SSEEvent): boolean
  /** True while the stream is broken and being rejoined; false once it is back. */
  onReconnecting(on: boolean): void
  connectivity: Connectivity
  policy?: Partial<ReconnectPolicy>
  random?(): number
  now?(): number
  sleep?(ms: number, signal: AbortSignal): Promise<void>
}

/**
 * `ended`: the terminal event arrived (or a stream without a run id ended). `gone`: the server no longer has the run's events (410,
 * 404, a refused event id): the caller reads the stored messages instead. Rejects with an
 * AbortError on abort, and with the last error when it gives up or the error is not transient.
 */
export type FollowEnd = 'ended' | 'gone'

/** The server also names the terminal events (`event: complete`). */
const terminal = (e: SSEEvent) => e.event === 'complete' || e.event === 'error'

export async function followRun(deps: FollowDeps, signal: AbortSignal): Promise<FollowEnd> {
  const policy = { ...defaultPolicy, ...deps.policy }
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? abortableDelay
  const seen = new Set<string>()
  let lastId: string | null = null
  let runId: string | null = deps.runId ?? null
  let keepAliveMs: number | null = null
  let ended = false
  let progress = false
  let failures = 0
  let outageSince: number | null = null

  const onEvent = (e: SSEEvent) => {
    if (e.id) {
      if (seen.has(e.id)) return
      seen.add(e.id)
      lastId = e.id
    }
    progress = true
    if (deps.onEvent(e) || terminal(e)) ended = true
  }
  const stallMs = () => (keepAliveMs ? Math.max(2.5 * keepAliveMs, policy.minStallMs) : policy.stallMs)

  for (let first = true; ; first = false) {
    progress = false
    try {
      await attempt(
        (s) => (first ? deps.start(s) : deps.join(runId!, lastId, s)),
        signal,
        stallMs,
        (stream) => {
          runId ??= stream.runId
          keepAliveMs = stream.keepAliveMs ?? keepAliveMs
          deps.onOpen(stream.runId)
          if (outageSince !== null) deps.onReconnecting(false)
          outageSince = null
        },
        onEvent,
      )
      // Without a run id there is nothing to rejoin: the caller judges the stream as it ended.
      if (ended || !runId) return 'ended'
    } catch (e) {
      if (signal.aborted || isAbortError(e)) throw e
      if (ended) return 'ended'
      if (!runId) throw e
      if (gone(e)) return 'gone'
      if (!transient(e)) throw e
    }
    // Broken before the end: rejoin after a pause.
    if (progress) failures = 0
    if (++failures > policy.maxAttempts) throw lost(`${policy.maxAttempts} attempts in a row brought nothing`)
    if (outageSince === null) {
      outageSince = now()
      deps.onReconnecting(true)
    }
    if (!deps.connectivity.online()) {
      await deps.connectivity.whenOnline(signal)
      outageSince = now()
    } else if (now() - outageSince > policy.deadlineMs) {
      throw lost(`no answer for ${Math.round(policy.deadlineMs / 1000)} s`)
    }
    const exp = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (failures - 1))
    await sleep(exp * (0.5 + (deps.random ?? Math.random)() / 2), signal)
  }
}

/** One connection: open, then read until the end, cut when nothing arrives for `stallMs()`. */
async function attempt(
  open: (s: AbortSignal) => Promise<RunStream>,
  outer: AbortSignal,
  stallMs: () => number,
  opened: (s: RunStream) => void,
  onEvent: (e: SSEEvent) => void,
): Promise<void> {
  const ctl = new AbortController()
  const cut = () => ctl.abort()
  outer.addEventListener('abort', cut, { once: true })
  let timer: ReturnType<typeof setTimeout> | undefined
  let stalled = false
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => ((stalled = true), ctl.abort()), stallMs())
  }
  try {
    arm()
    const stream = await open(ctl.signal)
    opened(stream)
    arm()
    await readEventStream(stream.body, onEvent, ctl.signal, arm)
  } catch (e) {
    throw stalled && !outer.aborted ? new StallError() : e
  } finally {
    clearTimeout(timer)
    outer.removeEventListener('abort', cut)
  }
}

class StallError extends ChatKitError {
  constructor() {
    super(ErrorCodes.Network, 'the answer stream stalled')
  }
}

function gone(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 404 || e.status === 410 || (e.status === 400 && e.apiCode === ApiErrorCodes.InvalidEventId))
}

/** Worth another try: the network, a stall, a garbled response, a restarting or overloaded server. Not: auth, a bad request. */
function transient(e: unknown): boolean {
  if (e instanceof ApiError) return e.status >= 500 || e.status === 429 || e.status === 408
  // Stream: a rejoin answered 200 without an event stream (a response cut inside its head).
  if (e instanceof ChatKitError) return e.code === ErrorCodes.Network || e.code === ErrorCodes.Stream
  // A body that errors mid-read (TCP reset) surfaces as a TypeError from the stream reader.
  return e instanceof TypeError
}

function lost(why: string): ChatKitError {
  return new ChatKitError(ErrorCodes.Network, `lost the connection to the server and could not rejoin the answer (${why})`)
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'))
    const t = setTimeout(() => (signal.removeEventListener('abort', stop), resolve()), ms)
    const stop = () => (clearTimeout(t), reject(new DOMException('aborted', 'AbortError')))
    signal.addEventListener('abort', stop, { once: true })
  })
}
