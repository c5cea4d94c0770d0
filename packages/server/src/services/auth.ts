import { unauthorized } from '../http/errors.js'
import type { Owner, Store } from '../store/types.js'
import type { Clock } from '../util/clock.js'
import { bearerToken, hashSecret, isClientSecretShape } from '../auth/secrets.js'

/** The caller behind a valid client secret. */
export type Principal = Owner & { secretHash: string }

/**
 * Resolves the request's client secret (Bearer or `x-api-key`, as the XpertAI frame sends both)
 * to its owner. Unknown, malformed and expired secrets all get the same 401, so a caller learns
 * nothing about which secrets exist.
 */
export async function authenticate(req: Request, store: Store, clock: Clock): Promise<Principal> {
  const token = bearerToken(req, true)
  if (!token) throw unauthorized('missing client secret: send Authorization: Bearer <client secret>')
  if (!isClientSecretShape(token)) throw unauthorized('invalid or expired client secret')
  const secretHash = hashSecret(token)
  const session = await store.sessions.findByHash(secretHash)
  if (!session || session.expiresAt <= clock.now()) throw unauthorized('invalid or expired client secret')
  return { assistantId: session.assistantId, userId: session.userId, secretHash }
}
