import { ApiErrorCodes, KEEP_ALIVE_HEADER, RUN_ID_HEADER } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { parseRunRequest } from './run-request.js'
import { InvalidEventIdError } from '../events/run-event-log.js'
import { readJson } from '../http/body.js'
import { badRequest, forbidden, HttpError, jsonResponse, notFound } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { runEventStream, SSE_HEADERS } from '../http/sse.js'
import type { Principal } from '../services/auth.js'
import { toApiRun } from '../shapes/api-shapes.js'
import { resolveFiles } from '../services/files.js'
import { requireOrCreateThread, requireOwnedRun, requireOwnedThread } from '../services/threads.js'
import type { RunRecord } from '../store/types.js'

/**
 * Where a run lives, relative to the API base (as LangGraph servers, mounted at the root, send
 * it). The official LangGraph SDK reads `Content-Location` to learn the run id, and `Location`
 * (the run's stream) to reconnect after a dropped connection, checking `GET` run first.
 */
function runHeaders(threadId: string, runId: string): Record<string, string> {
  const path = `/threads/${threadId}/runs/${runId}`
  return { [RUN_ID_HEADER]: runId, 'content-location': path, location: `${path}/stream` }
}

/** SSE headers plus the keep-alive interval, from which a client tells a stalled stream from a quiet one. */
const sseHeaders = (keepAliveMs: number) => ({ ...SSE_HEADERS, [KEEP_ALIVE_HEADER]: String(keepAliveMs) })

/**
 * `POST /threads/{id}/runs/stream`: starts a run and streams its events (SSE). While the thread
 * has a run, `followUpMode:'queue'` answers 202 with the queued run (join its stream), `'steer'`
 * answers 202 with the run the message was handed to; without a mode it is a 409. With
 * `if_not_exists: 'create'` (LangGraph's field) a missing thread is created first, under the
 * client's UUID: a first message is one round trip, and nothing exists until it is sent.
 */
export async function streamRun(ctx: RequestContext, params: RouteParams): Promise<Response> {
  const who = await ctx.principal()
  return holdingStreamSlot(ctx.deps, who.secretHash, (release) => startRun(ctx, params, who, release))
}

async function startRun({ req, url, deps }: RequestContext, { threadId }: RouteParams, who: Principal, release: () => void): Promise<Response> {
  const run = parseRunRequest(await readJson(req, deps.maxBodyBytes))
  if (run.createThread && run.assistantId !== undefined && run.assistantId !== who.assistantId) {
    throw forbidden(`assistant_id: this client secret is scoped to assistant "${who.assistantId}"`)
  }
  const thread = run.createThread ? await requireOrCreateThread(deps, who, threadId) : await requireOwnedThread(deps, who, threadId)
  if (run.assistantId !== undefined && run.assistantId !== thread.assistantId) {
    throw forbidden(`assistant_id: thread ${thread.id} belongs to assistant "${thread.assistantId}"`)
  }
  if (typeof run.parentId === 'string' && run.kind === 'message') {
    const parent = await deps.store.messages.get(run.parentId)
    if (!parent || parent.threadId !== thread.id) throw badRequest('parentMessageId: not a message of this thread')
  }
  const agent = deps.agents.get(thread.assistantId)
  if (!agent) throw notFound(`assistant ${thread.assistantId} is no longer registered on this server`)
  const files = await resolveFiles(deps, who, run.fileIds, url.origin)
  const started = await deps.engine.start(thread, agent, run, files)
  if (started.mode !== 'stream') {
    release()
    const status = started.mode === 'queued' ? 'pending' : 'running'
    const body = { run_id: started.runId, thread_id: thread.id, status, follow_up: started.mode, user_message_id: started.userMessageId }
    return jsonResponse(202, body, runHeaders(thread.id, started.runId))
  }
  const stream = await runEventStream(deps.log, started.runId, undefined, {
    keepAliveMs: deps.keepAliveMs,
    // `on_disconnect: continue` (the default) lets the run finish for a later rejoin.
    onClientGone: () => void (run.onDisconnect === 'cancel' && deps.engine.cancel(thread.id, started.runId, false)),
    onEnd: release,
  })
  if (!stream) throw new HttpError(500, ApiErrorCodes.InternalError, `run ${started.runId}: event log missing`)
  return new Response(stream, { status: 200, headers: { ...sseHeaders(deps.keepAliveMs), ...runHeaders(thread.id, started.runId) } })
}

/**
 * Runs `open` holding one of the secret's answer-stream slots (`maxStreamsPerSecret`, else 429
 * `too_many_streams`). The stream gives it back when it ends; a failure before that gives it back here.
 */
async function holdingStreamSlot(deps: RequestContext['deps'], secretHash: string, open: (release: () => void) => Promise<Response>): Promise<Response> {
  const release = deps.streams.acquire(secretHash)
  try {
    return await open(release)
  } catch (e) {
    release()
    throw e
  }
}

/** `GET /threads/{id}/runs/{run_id}/stream`: replays after `Last-Event-ID`, then follows live. */
export async function joinRun({ req, url, deps, principal }: RequestContext, { threadId, runId }: RouteParams): Promise<Response> {
  const who = await principal()
  const run = await requireOwnedRun(deps, who, threadId, runId)
  return holdingStreamSlot(deps, who.secretHash, (release) => followRun(req, url, deps, run, release))
}

async function followRun(req: Request, url: URL, deps: RequestContext['deps'], run: RunRecord, release: () => void): Promise<Response> {
  // Browsers' EventSource cannot set headers on the first request: accept `?last_event_id=` too.
  const lastId = req.headers.get('last-event-id')?.trim() || url.searchParams.get('last_event_id')?.trim() || undefined
  let stream: ReadableStream<Uint8Array> | null
  try {
    stream = await runEventStream(deps.log, run.id, lastId, { keepAliveMs: deps.keepAliveMs, onEnd: release })
  } catch (e) {
    if (e instanceof InvalidEventIdError) throw badRequest(e.message, ApiErrorCodes.InvalidEventId)
    throw e
  }
  if (!stream) {
    throw new HttpError(410, ApiErrorCodes.RunEventsExpired, `events of run ${run.id} are no longer available; load the thread's messages instead`)
  }
  return new Response(stream, { status: 200, headers: { ...sseHeaders(deps.keepAliveMs), ...runHeaders(run.threadId, run.id) } })
}

/** `GET /threads/{id}/runs/{run_id}`: the run's status (the LangGraph SDK polls it to see if a run is active). */
export async function getRun({ deps, principal }: RequestContext, { threadId, runId }: RouteParams): Promise<Response> {
  const run = await requireOwnedRun(deps, await principal(), threadId, runId)
  return jsonResponse(200, toApiRun(run))
}

/** `POST /threads/{id}/runs/{run_id}/cancel`: 202; the run's stream then ends as `cancelled`. */
export async function cancelRun({ deps, principal }: RequestContext, { threadId, runId }: RouteParams): Promise<Response> {
  const run = await requireOwnedRun(deps, await principal(), threadId, runId)
  let cancelling = await deps.engine.cancel(run.threadId, run.id, run.status === 'pending')
  // Not here, but still going: it runs (or waits) on another replica, which gets the request.
  if (!cancelling && deps.signals && (run.status === 'running' || run.status === 'pending')) {
    await deps.signals.cancel(run.threadId, run.id)
    cancelling = true
  }
  // Cancelling a run that already ended is not an error: stop and the end can cross on the wire.
  return jsonResponse(202, { run_id: run.id, thread_id: run.threadId, status: cancelling ? 'cancelling' : run.status })
}
