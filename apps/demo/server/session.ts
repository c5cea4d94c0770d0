import { randomUUID } from 'node:crypto'
import { json, jsonError } from './security.js'

export type SessionConfig = { apiUrl: string; apiKey: string; assistantId: string }

const COOKIE = 'demo_uid'
const UID = /^[a-f0-9-]{36}$/

/** The end user of this demo: a random id in an httpOnly cookie (a real site uses its own login). */
function userId(req: Request): { uid: string; fresh: boolean } {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === COOKIE && UID.test(value ?? '')) return { uid: value, fresh: false }
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
  const { uid, fresh } = userId(req)
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
  const cookie = `${COOKIE}=${uid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`
  return json({ client_secret: body.client_secret, expires_at: body.expires_at }, 200, fresh ? { 'set-cookie': cookie } : {})
}
