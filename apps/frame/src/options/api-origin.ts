/**
 * `api.apiUrl` on another origin than the frame: the frame's CSP (`connect-src`) blocks it unless
 * the ChatKit server lists it in `--api-origins` / `CHATKIT_API_ORIGINS`, which the server also
 * writes into `<meta name="chatkit-api-origins">`. Checked when the options arrive, so a blocked
 * API is named at once instead of failing later as an anonymous network error.
 */
import { matchOrigin, parseOriginList } from '@xpert-ai/chatkit-protocol'
import type { OptionIssue } from './schema.js'

export function apiOriginIssue(apiUrl: unknown, doc: Document, self: string): OptionIssue | null {
  const meta = doc.querySelector('meta[name="chatkit-api-origins"]')
  // Served without the meta (not by the ChatKit server): its CSP is unknown here.
  if (!meta || typeof apiUrl !== 'string') return null
  let origin: string
  try {
    origin = new URL(apiUrl).origin
  } catch {
    return null // validation reports a bad URL
  }
  if (origin === self) return null
  let allowed: string[] = []
  try {
    allowed = parseOriginList(meta.getAttribute('content') ?? '').filter((p) => p !== '*')
  } catch {
    allowed = []
  }
  if (matchOrigin(allowed, origin)) return null
  return {
    path: 'api.apiUrl',
    reason: `${origin} is another origin than the frame (${self}) and the frame's Content-Security-Policy (connect-src) blocks it: start the ChatKit server with --api-origins ${origin} (CHATKIT_API_ORIGINS), or serve the API with the frame`,
  }
}
