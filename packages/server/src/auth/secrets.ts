import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const CLIENT_SECRET_PREFIX = 'cs-x-'
const SECRET = /^cs-x-[0-9a-f]{64}$/

/** A new client secret: `cs-x-` + 32 random bytes in hex. */
export function mintClientSecret(): string {
  return CLIENT_SECRET_PREFIX + randomBytes(32).toString('hex')
}

export function isClientSecretShape(s: string): boolean {
  return SECRET.test(s)
}

/** Secrets are stored as SHA-256: a leaked database yields no usable secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * True when `given` equals one of `keys`. Hashing both sides first gives equal-length buffers, so
 * `timingSafeEqual` applies and the comparison time does not reveal a key's length or prefix;
 * every key is compared (no early exit) for the same reason.
 */
export function matchesApiKey(keys: readonly string[], given: string): boolean {
  const g = createHash('sha256').update(given).digest()
  let ok = false
  for (const k of keys) ok = timingSafeEqual(createHash('sha256').update(k).digest(), g) || ok
  return ok
}

/** The bearer token of a request: `Authorization: Bearer <t>`, else `x-api-key: <t>`. */
export function bearerToken(req: Request, allowApiKeyHeader: boolean): string | null {
  const auth = req.headers.get('authorization')
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null
  if (m) return m[1]
  if (allowApiKeyHeader) return req.headers.get('x-api-key')?.trim() || null
  return null
}
