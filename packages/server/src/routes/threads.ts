import type { RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { forbidden, jsonResponse } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { limitJsonSize, optionalRecord, optionalString } from '../http/validate.js'
import { toApiThread } from '../shapes/api-shapes.js'
import { createOwnedThread, requireOwnedThread } from '../services/threads.js'

/** `POST /threads` {assistant_id?, metadata?}: a new thread owned by the caller. */
export async function createThread({ req, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const body = optionalRecord(await readJson(req, deps.maxBodyBytes, true), 'request body') ?? {}
  const assistantId = optionalString(body.assistant_id, 'assistant_id', 128)
  if (assistantId !== undefined && assistantId !== who.assistantId) {
    throw forbidden(`assistant_id: this client secret is scoped to assistant "${who.assistantId}"`)
  }
  const metadata = optionalRecord(body.metadata, 'metadata') ?? {}
  limitJsonSize(metadata, 'metadata', 16 * 1024)
  const title = typeof metadata.title === 'string' && metadata.title.trim() ? metadata.title.trim().slice(0, 200) : null
  return jsonResponse(200, toApiThread(await createOwnedThread(deps, who, { title, metadata })))
}

/** `GET /threads/{id}`. */
export async function getThread({ deps, principal }: RequestContext, { threadId }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), threadId)
  return jsonResponse(200, toApiThread(thread))
}
