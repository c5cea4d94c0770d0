import type { Target } from './endpoints.js'
import type { RawRequest } from './raw-http.js'
import { API, type World } from './world.js'

/** Headers and body of a target's valid request. */
export type Built = { headers: [string, string][]; body?: Buffer }

export function bodyOf(t: Target): Built {
  if (!t.body) return { headers: [] }
  if (t.body.kind === 'json') {
    const b = Buffer.from(JSON.stringify(t.body.value))
    return { headers: [['content-type', 'application/json']], body: b }
  }
  if (t.body.kind === 'audio') return { headers: [['content-type', 'audio/wav']], body: t.body.bytes }
  return { headers: [['content-type', `multipart/form-data; boundary=${t.body.boundary}`]], body: t.body.bytes }
}

/** A raw request under the API base (or at `path` as is, with `rawPath`). */
export function request(
  w: World,
  method: string,
  path: string,
  auth: [string, string][],
  built: Built,
  extra: [string, string][] = [],
  rawPath = false,
): RawRequest {
  const headers: [string, string][] = [['Host', `127.0.0.1:${w.port}`], ['Connection', 'close'], ...auth, ...built.headers]
  if (built.body) headers.push(['Content-Length', String(built.body.length)])
  headers.push(...extra)
  return { method, target: rawPath ? path : API + path, headers, body: built.body }
}
