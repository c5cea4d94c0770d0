/**
 * Domain keys (OpenAI ChatKit's `api.domainKey`, for a self-hosted server): a public key per
 * embedding site, issued for that site's page origins. The frame sends it as
 * `x-chatkit-domain-key` with the page's origin as the browser reports it to the frame
 * (`x-chatkit-embedder`; a request the host performs itself through `api.fetch` carries the page's
 * own `Origin`). A key that is unknown, or used from any other page, is refused with 403.
 * Requests without a key are not affected: the client secret is what authenticates.
 */
import { ApiErrorCodes, matchOrigin, parseOriginList, type OriginPattern } from '@xpert-ai/chatkit-protocol'
import { HttpError } from './errors.js'

export type DomainKeys = ReadonlyMap<string, readonly OriginPattern[]>

const KEY = /^[\x21-\x7e]{1,200}$/

/** Checks the configured keys: header-safe, each with at least one page origin and never `*`. */
export function parseDomainKeys(keys: Record<string, string | readonly string[]> = {}): DomainKeys {
  const out = new Map<string, OriginPattern[]>()
  for (const [key, list] of Object.entries(keys)) {
    if (!KEY.test(key)) throw new TypeError(`createChatKitHandler: domain key "${key.slice(0, 40)}" must be 1-200 printable ASCII characters without spaces`)
    let origins: OriginPattern[]
    try {
      origins = parseOriginList(list)
    } catch (e) {
      throw new TypeError(`createChatKitHandler: domain key "${key}": ${(e as Error).message}`)
    }
    if (!origins.length) throw new TypeError(`createChatKitHandler: domain key "${key}" needs at least one page origin`)
    if (origins.includes('*')) throw new TypeError(`createChatKitHandler: domain key "${key}" cannot be for every origin ("*"): that restricts nothing`)
    out.set(key, origins)
  }
  return out
}

/** Throws the 403 for a request whose domain key is unknown or used from another page. */
export function checkDomainKey(keys: DomainKeys, req: Request): void {
  const key = req.headers.get('x-chatkit-domain-key')
  if (key === null) return
  const shown = JSON.stringify(key.slice(0, 60))
  const origins = keys.get(key)
  if (!origins) throw new HttpError(403, ApiErrorCodes.DomainKeyRefused, `the domain key ${shown} is not known to this server (--domain-key)`)
  const page = req.headers.get('x-chatkit-embedder') ?? req.headers.get('origin')
  if (!matchOrigin(origins, page)) {
    throw new HttpError(
      403,
      ApiErrorCodes.DomainKeyRefused,
      `the domain key ${shown} is not issued for the page ${page ?? '(origin unknown)'}; it is for ${origins.join(', ')}`,
    )
  }
}
