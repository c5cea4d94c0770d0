import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'

/** An HTTP error from the API, with the server's own error code kept apart from ours. */
export class ApiError extends ChatKitError {
  readonly status: number
  readonly apiCode: string | undefined
  constructor(code: string, message: string, status: number, apiCode?: string) {
    super(code, message)
    this.name = 'ApiError'
    this.status = status
    this.apiCode = apiCode
  }
}

/**
 * Builds an `ApiError` from a non-2xx response. The API answers `{"error":{"code","message","request_id"}}`;
 * anything else (a proxy's HTML page, an empty body) still yields a readable message. A server
 * error (5xx) shows its request id as `ref …`, as failed answers show theirs: what to quote to
 * whoever runs the server, who finds it in the log.
 */
export async function errorFromResponse(res: Response, code: string = ErrorCodes.Api): Promise<ApiError> {
  let apiCode: string | undefined
  let message = ''
  let ref = res.headers.get('x-request-id')?.slice(0, 128) ?? ''
  try {
    const text = (await res.text()).slice(0, 4000)
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; request_id?: unknown } }
    if (typeof body?.error?.message === 'string') message = body.error.message
    if (typeof body?.error?.code === 'string') apiCode = body.error.code
    if (typeof body?.error?.request_id === 'string') ref = body.error.request_id.slice(0, 128)
  } catch {
    // Not JSON: fall back to the status line below.
  }
  const status = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}${ref && res.status >= 500 ? `, ref ${ref}` : ''}`
  // A refused domain key keeps its own code all the way to the host's chatkit.error.
  return new ApiError(apiCode === ErrorCodes.DomainKey ? apiCode : code, message ? `${message} (${status})` : `request failed: ${status}`, res.status, apiCode)
}

/** `fetch` rejects with a bare TypeError on network failure; give it a code and a sentence. */
export function networkError(e: unknown, what: string): ChatKitError {
  if (e instanceof ChatKitError) return e
  const detail = e instanceof Error && e.message ? `: ${e.message}` : ''
  return new ChatKitError(ErrorCodes.Network, `could not reach the API (${what})${detail}`)
}

export function isAbortError(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'AbortError'
}
