import { RUN_ID_HEADER } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { parseRunRequest } from '../engine/run-request.js'
import { InvalidEventIdError } from '../events/run-event-log.js'
import { readJson } from '../http/body.js'
import { badRequest, forbidden, HttpError, jsonResponse, notFound } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { runEventStream, SSE_HEADERS } from '../http/sse.js'
import { requireOwnedRun, requireOwnedThread } from '../services/threads.js'

/** `POST /threads/{id}/runs/stream`: starts a run and streams its events (SSE). */
export async function streamRun({ req, deps, principal }: RequestContext, { threadId }: RouteParams): Promise<Response> {
  const who = await principal()
  const thread = await requireOwnedThread(deps, who, threadId)
  const run = parseRunRequest(await readJson(req, deps.maxBodyBytes))
  if (run.assistantId !== undefined && run.assistantId !== thread.assistantId) {
    throw forbidden(`assistant_id: thread ${thread.id} belongs to assistant "${thread.assistantId}"`)
  }
  const agent = deps.agents.get(thread.assistantId)
  if (!agent) throw notFound(`assistant ${thread.assistantId} is no longer registered on this server`)
  const { runId } = await deps.engine.start(thread, agent, run)
  const stream = await runEventStream(deps.log, runId, undefined, {
    keepAliveMs: deps.keepAliveMs,
    // `on_disconnect: continue` (the default) lets the run finish for a later rejoin.
    onClientGone: () => void (run.onDisconnect === 'cancel' && deps.engine.cancel(thread.id, runId)),
  })
  if (!stream) throw new HttpError(500, 'internal_error', `run ${runId}: event log missing`)
  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, [RUN_ID_HEADER]: runId } })
}

/** `GET /threads/{id}/runs/{run_id}/stream`: replays after `Last-Event-ID`, then follows live. */
export async function joinRun({ req, deps, principal }: RequestContext, { threadId, runId }: RouteParams): Promise<Response> {
  const run = await requireOwnedRun(deps, await principal(), threadId, runId)
  const lastId = req.headers.get('last-event-id')?.trim() || undefined
  let stream: ReadableStream<Uint8Array> | null
  try {
    stream = await runEventStream(deps.log, run.id, lastId, { keepAliveMs: deps.keepAliveMs })
  } catch (e) {
    if (e instanceof InvalidEventIdError) throw badRequest(e.message, 'invalid_event_id')
    throw e
  }
  if (!stream) {
    throw new HttpError(410, 'run_events_expired', `events of run ${run.id} are no longer available; load the thread's messages instead`)
  }
  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, [RUN_ID_HEADER]: run.id } })
}

/** `POST /threads/{id}/runs/{run_id}/cancel`: 202; the run's stream then ends as `cancelled`. */
export async function cancelRun({ deps, principal }: RequestContext, { threadId, runId }: RouteParams): Promise<Response> {
  const run = await requireOwnedRun(deps, await principal(), threadId, runId)
  const cancelling = deps.engine.cancel(run.threadId, run.id)
  // Cancelling a run that already ended is not an error: stop and the end can cross on the wire.
  return jsonResponse(202, { run_id: run.id, thread_id: run.threadId, status: cancelling ? 'cancelling' : run.status })
}
