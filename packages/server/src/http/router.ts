import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { HttpError } from './errors.js'

/**
 * A minimal path router. Patterns are literal segments and `:name` parameters
 * (`/threads/:threadId/runs/stream`). A path that matches with another method is a 405 listing
 * the allowed methods; no match at all is a 404.
 */
export type RouteParams = Record<string, string>
export type Route<C> = {
  method: string
  pattern: string
  handle: (ctx: C, params: RouteParams) => Promise<Response>
}

type Compiled<C> = Route<C> & { segments: string[] }

export type Match<C> = { route: Route<C>; params: RouteParams } | { allowed: string[] } | null

export class Router<C> {
  private readonly routes: Compiled<C>[] = []

  add(method: string, pattern: string, handle: Route<C>['handle']): this {
    this.routes.push({ method, pattern, handle, segments: split(pattern) })
    return this
  }

  match(method: string, path: string): Match<C> {
    const parts = split(path).map(decodeSegment)
    const allowed: string[] = []
    for (const r of this.routes) {
      const params = matchSegments(r.segments, parts)
      if (!params) continue
      if (r.method === method) return { route: r, params }
      allowed.push(r.method)
    }
    return allowed.length ? { allowed } : null
  }
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean)
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    throw new HttpError(400, ApiErrorCodes.InvalidRequest, `path: malformed percent-encoding in "${s}"`)
  }
}

function matchSegments(pattern: string[], parts: string[]): RouteParams | null {
  if (pattern.length !== parts.length) return null
  const params: RouteParams = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]
    if (p.startsWith(':')) params[p.slice(1)] = parts[i]
    else if (p !== parts[i]) return null
  }
  return params
}
