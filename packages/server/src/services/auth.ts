import { unauthorized } from '../http/errors.js'
import type { Owner, SessionRecord, Store } from '../store/types.js'
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
  const session = await sessionOf(store, secretHash)
  if (!session || session.expiresAt <= clock.now()) throw unauthorized('invalid or expired client secret')
  return { assistantId: session.assistantId, userId: session.userId, secretHash }
}

/** Sessions found per store, most recently added last; at most this many are remembered. */
const CACHED_SESSIONS = 10_000
const known = new WeakMap<Store, Map<string, SessionRecord>>()

/**
 * The session of a secret hash, remembered after its first lookup: a session never changes and
 * only leaves the store by expiring (`deleteExpired`), which the caller checks on every request,
 * so a remembered one is always what the store would say. Unknown hashes are never remembered.
 */
async function sessionOf(store: Store, secretHash: string): Promise<SessionRecord | null> {
  let cache = known.get(store)
  if (!cache) known.set(store, (cache = new Map()))
  const hit = cache.get(secretHash)
  if (hit) return hit
  const session = await store.sessions.findByHash(secretHash)
  if (session) {
    if (cache.size >= CACHED_SESSIONS) cache.delete(cache.keys().next().value!)
    cache.set(secretHash, session)
  }
  return session
}
