/**
 * The API calls the frame makes (brief contract 3 / `reference/xpertai-api.md`), one function each.
 */
import {
  ChatKitError,
  ErrorCodes,
  KEEP_ALIVE_HEADER,
  RUN_ID_HEADER,
  type ApiMessage,
  type ApiThread,
  type FeedbackRequest,
  type Paginated,
  type RunRequest,
} from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from './client.js'

const seg = encodeURIComponent

export function createThread(api: ApiClient, assistantId: string | undefined, signal?: AbortSignal): Promise<ApiThread> {
  return api.json<ApiThread>('POST', '/threads', { body: assistantId ? { assistant_id: assistantId } : {}, signal })
}

export function listMessages(
  api: ApiClient,
  conversationId: string,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<Paginated<ApiMessage>> {
  const q = `limit=${page.limit}&offset=${page.offset}`
  return api.json<Paginated<ApiMessage>>('GET', `/conversations/${seg(conversationId)}/messages?${q}`, { signal })
}

/** A run's event stream: its id, the server's keep-alive interval (ms) when it says, and the SSE body. */
export type RunStream = { runId: string | null; keepAliveMs: number | null; body: ReadableStream<Uint8Array> }

/**
 * Starts a run; resolves once the response headers are in, with the SSE body still streaming. A
 * 202 means the thread was busy (a run started elsewhere, e.g. in another tab) and the server
 * queued the message (`followUpMode: 'queue'`): the queued run's stream is followed instead.
 */
export async function startRunStream(api: ApiClient, threadId: string, request: RunRequest, signal: AbortSignal): Promise<RunStream> {
  const res = await api.request('POST', `/threads/${seg(threadId)}/runs/stream`, {
    body: request,
    signal,
    accept: 'text/event-stream',
  })
  if (res.status !== 202) return eventStream(res)
  const queued = (await res.json().catch(() => null)) as { run_id?: unknown } | null
  if (typeof queued?.run_id !== 'string' || !queued.run_id) throw new ChatKitError(ErrorCodes.Stream, 'the server queued the message without naming its run')
  return joinRunStream(api, threadId, queued.run_id, null, signal)
}

/**
 * Rejoins a run's stream: the server replays the events after `lastEventId` (all when null), then
 * follows live. A 410 (`run_events_expired`) or 404 means the events are gone: read the messages.
 */
export async function joinRunStream(api: ApiClient, threadId: string, runId: string, lastEventId: string | null, signal: AbortSignal): Promise<RunStream> {
  const res = await api.request('GET', `/threads/${seg(threadId)}/runs/${seg(runId)}/stream`, {
    signal,
    accept: 'text/event-stream',
    ...(lastEventId ? { headers: { 'Last-Event-ID': lastEventId } } : {}),
  })
  return eventStream(res)
}

async function eventStream(res: Response): Promise<RunStream> {
  const type = res.headers.get('content-type') ?? ''
  if (!res.body || !type.includes('text/event-stream')) {
    await res.body?.cancel().catch(() => {})
    throw new ChatKitError(ErrorCodes.Stream, `the run did not answer with an event stream (content-type "${type}")`)
  }
  const keepAlive = Number(res.headers.get(KEEP_ALIVE_HEADER))
  return { runId: res.headers.get(RUN_ID_HEADER), keepAliveMs: keepAlive > 0 ? keepAlive : null, body: res.body }
}

export async function cancelRun(api: ApiClient, threadId: string, runId: string, signal?: AbortSignal): Promise<void> {
  const res = await api.request('POST', `/threads/${seg(threadId)}/runs/${seg(runId)}/cancel`, { signal })
  await res.body?.cancel().catch(() => {})
}

/** Rates an AI message (`threadItemActions.feedback`). */
export async function sendFeedback(api: ApiClient, conversationId: string, messageId: string, body: FeedbackRequest): Promise<void> {
  const res = await api.request('POST', `/conversations/${seg(conversationId)}/messages/${seg(messageId)}/feedbacks`, { body })
  await res.body?.cancel().catch(() => {})
}

/** An MCP App's `tools/call`, through the server to the MCP server owning the app (tool step `step`). */
export function callAppTool(
  api: ApiClient,
  threadId: string,
  call: { step: string; name: string; arguments: Record<string, unknown>; approved: boolean },
): Promise<unknown> {
  return api.json<unknown>('POST', `/threads/${seg(threadId)}/app-tools/call`, { body: call })
}
