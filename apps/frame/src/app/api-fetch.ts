/**
 * The `fetch` every API request and upload goes through: the frame's own, or, when the host set
 * `api.fetch`, the host page's (`bridge/host-fetch.ts`, loaded on first use). Chosen per request, so a
 * `setOptions` that adds or removes `api.fetch` takes effect at once.
 */
import type { HostLink } from '../bridge/index.js'
import { hasCallback } from '../options/index.js'

export function apiFetch(host: Pick<HostLink, 'fetch'>): typeof fetch {
  let bridged: Promise<typeof fetch> | undefined
  return async (input, init) => {
    if (!hasCallback('api.fetch')) return fetch(input, init)
    bridged ??= import('../bridge/host-fetch.js').then((m) => m.hostFetch(host))
    return (await bridged)(input, init)
  }
}
