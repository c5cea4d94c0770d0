import { ApiErrorCodes, type ApiErrorBody, type ApiErrorCode } from '@xpert-ai/chatkit-protocol'

/**
 * An error that maps to one HTTP response. Routes and services throw it; the handler turns it
 * into `{"error":{"code","message"}}` with `status`, so every failure has the same JSON shape.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers (`Retry-After`, `Allow`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/**
 * A service the server depends on (the store's database, the shared run-event log) cannot be
 * reached right now. Backends throw it for connection failures: the client gets a 503 with the
 * code and `Retry-After`, never a 500, and the same request succeeds once the service is back.
 */
export class ServiceUnavailableError extends HttpError {
  constructor(code: typeof ApiErrorCodes.StoreUnavailable | typeof ApiErrorCodes.EventLogUnavailable, message: string) {
    super(503, code, message, { 'retry-after': '2' })
    this.name = 'ServiceUnavailableError'
  }
}

export const badRequest = (message: string, code: ApiErrorCode = ApiErrorCodes.InvalidRequest) => new HttpError(400, code, message)
export const unauthorized = (message: string) => new HttpError(401, ApiErrorCodes.Unauthorized, message)
export const forbidden = (message: string) => new HttpError(403, ApiErrorCodes.Forbidden, message)
export const notFound = (message: string) => new HttpError(404, ApiErrorCodes.NotFound, message)
export const conflict = (message: string, code: ApiErrorCode = ApiErrorCodes.Conflict) => new HttpError(409, code, message)
export const payloadTooLarge = (limit: number) =>
  new HttpError(413, ApiErrorCodes.PayloadTooLarge, `request body exceeds ${limit} bytes`)
export const unsupportedMediaType = (message: string) => new HttpError(415, ApiErrorCodes.UnsupportedMediaType, message)

/** Raised by a body reader (handler or Node adapter) when the body grows past its limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

export function jsonResponse(status: number, body: unknown, headers?: ConstructorParameters<typeof Headers>[0]): Response {
  const h = new Headers(headers)
  h.set('content-type', 'application/json; charset=utf-8')
  h.set('cache-control', 'no-store')
  h.set('x-content-type-options', 'nosniff')
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: h })
}

export function errorResponse(status: number, code: ApiErrorCode, message: string, headers?: ConstructorParameters<typeof Headers>[0]): Response {
  const body: ApiErrorBody = { error: { code, message } }
  return jsonResponse(status, body, headers)
}

/**
 * `X-Content-Type-Options: nosniff` on a response the handler returns (JSON, SSE, files, `OPTIONS`):
 * no browser ever sniffs an API body into something it would render or run.
 */
export function withNosniff(res: Response): Response {
  try {
    res.headers.set('x-content-type-options', 'nosniff')
    return res
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    const headers = new Headers(res.headers)
    headers.set('x-content-type-options', 'nosniff')
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
  }
}
