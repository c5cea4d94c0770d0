import { E2E } from './ports.js'

/** One call to the shared e2e server's API with a client secret; the JSON body (null for a 204). */
export async function apiCall(secret: string, method: string, path: string, body?: unknown) {
  const res = await fetch(E2E.api + '/api/ai' + path, {
    method,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: res.status === 204 ? null : await res.json() }
}
