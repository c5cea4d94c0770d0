import { ApiErrorCodes, type CreateSessionResponse } from '@xpert-ai/chatkit-protocol'
import { bearerToken, hashSecret, matchesApiKey, mintClientSecret } from '../auth/secrets.js'
import type { RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { HttpError, jsonResponse, unauthorized } from '../http/errors.js'
import { expectRecord, expectString, optionalInt } from '../http/validate.js'
import { iso } from '../util/clock.js'

const WHERE = 'POST /v1/chatkit/sessions'

/**
 * `POST /v1/chatkit/sessions`: the host's backend trades the API key for a short-lived client
 * secret scoped to one assistant and one user. Only the secret's hash is stored.
 */
export async function createSession({ req, deps }: RequestContext): Promise<Response> {
  // Failed attempts are logged and throttled per source: a throttled source is refused before its
  // key is compared, so guessing keys is slow and visible.
  const source = deps.clientAddress(req)
  deps.sessionFailures.check(source, WHERE)
  const key = bearerToken(req, true)
  if (!key || !matchesApiKey(deps.apiKeys, key)) {
    deps.sessionFailures.fail(source, WHERE, key ? 'an invalid API key' : 'no API key')
    throw unauthorized('invalid API key: send Authorization: Bearer <API key>')
  }
  const body = expectRecord(await readJson(req, deps.maxBodyBytes), 'request body')
  const assistant = expectRecord(body.assistant, 'assistant')
  const assistantId = expectString(assistant.id, 'assistant.id', 128)
  const user = expectString(body.user, 'user', 256)
  const ttl = optionalInt(body.expires_after, 'expires_after', 1, 86_400) ?? deps.secretTtlSeconds
  if (!deps.agents.get(assistantId)) {
    throw new HttpError(404, ApiErrorCodes.AssistantNotFound, `assistant.id: no assistant "${assistantId}" on this server`)
  }
  const now = deps.clock.now()
  await deps.store.sessions.deleteExpired(now)
  const secret = mintClientSecret()
  const expiresAt = now + ttl * 1000
  await deps.store.sessions.create({ secretHash: hashSecret(secret), assistantId, userId: user, expiresAt, createdAt: iso(deps.clock) })
  const res: CreateSessionResponse = { client_secret: secret, expires_at: Math.floor(expiresAt / 1000), expires_after: ttl }
  return jsonResponse(200, res)
}
