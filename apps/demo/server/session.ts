import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { json, jsonError } from './security.js'

export type SessionConfig = { apiUrl: string; apiKey: string; assistantId: string }

const COOKIE = 'demo_uid'
const SIGNED = /^([a-f0-9-]{36})\.([A-Za-z0-9_-]{43})$/

/**
 * The cookie's signature: HMAC-SHA256 of the user id under a key derived from the API key (which
 * never leaves the server), so only this server can issue a user id and a caller cannot pick one.
 */
function sign(uid: string, apiKey: string): string {
  const key = createHmac('sha256', apiKey).update('chatkit-demo-user-cookie').digest()
  return createHmac('sha256', key).update(uid).digest('base64url')
}

/**
 * The end user of this demo: a server-generated random id in an httpOnly cookie signed by the
 * server (a real site uses its own login). A missing, malformed or forged cookie gets a new id.
 */
function demoUser(req: Request, apiKey: string): { uid: string; fresh: boolean } {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=')
    const m = name === COOKIE ? SIGNED.exec(value ?? '') : null
    if (m && timingSafeEqual(Buffer.from(m[2]), Buffer.from(sign(m[1], apiKey)))) return { uid: m[1], fresh: false }
  }
  return { uid: randomUUID(), fresh: true }
}

/**
 * `POST /api/create-session`: the seed's session endpoint in TypeScript. The API key stays here;
 * the browser only ever sees the short-lived client secret.
 */
export async function createSession(req: Request, config: SessionConfig): Promise<Response> {
  // Only this site's own pages may mint secrets for its user (a cross-site POST is refused).
  const origin = req.headers.get('origin')
  if (origin && origin !== new URL(req.url).origin) return jsonError(403, 'forbidden', 'cross-origin request refused')
  const { uid, fresh } = demoUser(req, config.apiKey)
  let upstream: Response
  try {
    upstream = await fetch(`${config.apiUrl.replace(/\/+$/, '')}/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant: { id: config.assistantId }, user: uid }),
      signal: AbortSignal.timeout(10_000),
    })
  } catch (e) {
    return jsonError(502, 'upstream_unreachable', `the ChatKit API did not answer: ${(e as Error).message}`)
  }
  const body = (await upstream.json().catch(() => null)) as { client_secret?: unknown; expires_at?: unknown } | null
  if (!upstream.ok || typeof body?.client_secret !== 'string') {
    return jsonError(502, 'upstream_error', `the ChatKit API refused to create a session (HTTP ${upstream.status})`)
  }
  const cookie = `${COOKIE}=${uid}.${sign(uid, config.apiKey)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`
  return json({ client_secret: body.client_secret, expires_at: body.expires_at }, 200, fresh ? { 'set-cookie': cookie } : {})
}
