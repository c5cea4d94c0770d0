import { ChatKitError, type ErrorCode } from '@xpert-ai/chatkit-protocol'

/** `frameUrl` as an absolute http(s) URL (a relative one resolves against the page). */
export function resolveFrameUrl(value: unknown): URL {
  let url: URL | undefined
  try {
    url = typeof value === 'string' && value ? new URL(value, location.href) : undefined
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new ChatKitError('invalid_options' satisfies ErrorCode, `frameUrl must be an http(s) URL, got ${JSON.stringify(value)}`)
  }
  return url
}
