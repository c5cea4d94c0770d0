/**
 * The one way e2e mints a client secret: `POST {origin}/api/ai/v1/chatkit/sessions` with the test
 * API key, as a host's backend does. `origin` defaults to the shared test server; own servers and
 * the replica balancer pass theirs.
 */
import { E2E } from './ports.js'

export type MintRequest = { user?: string; assistant?: string; ttl?: number; origin?: string }

export async function mintSession(r: MintRequest = {}): Promise<{ client_secret: string; expires_at: number }> {
  const body = { assistant: { id: r.assistant ?? 'demo' }, user: r.user ?? `e2e-${Date.now()}-${Math.random()}`, ...(r.ttl ? { expires_after: r.ttl } : {}) }
  const res = await fetch(`${r.origin ?? E2E.api}/api/ai/v1/chatkit/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`minting a client secret failed: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as { client_secret: string; expires_at: number }
}

/** A client secret for `user` (default: a fresh user). */
export async function mintSecret(user?: string, r: Omit<MintRequest, 'user'> = {}): Promise<string> {
  return (await mintSession({ ...r, user })).client_secret
}
