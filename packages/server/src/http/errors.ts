import { ApiErrorCodes, type ApiErrorBody, type ApiErrorCode } from '@xpert-ai/chatkit-protocol'
import { currentScope } from '../observe/request-scope.js'

/**
 * An error that maps to one HTTP response. Routes and services throw it; the handler turns it
 * into `{"error":{"code","message","request_id"}}` with `status`, so every failure has the same JSON shape.
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
export const payloadTooLarge = (limit: number) => new HttpError(413, ApiErrorCodes.PayloadTooLarge, `request body exceeds ${limit} bytes`)
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

/**
 * An API error. Inside a request (`inScope`) its body carries the request's id (`request_id`) and
 * so does the `X-Request-Id` header, so a user's report can be found in the server log.
 */
export function errorResponse(status: number, code: ApiErrorCode, message: string, headers?: ConstructorParameters<typeof Headers>[0]): Response {
  const requestId = currentScope()?.requestId
  const body: ApiErrorBody = { error: { code, message, ...(requestId ? { request_id: requestId } : {}) } }
  const res = jsonResponse(status, body, headers)
  if (requestId) res.headers.set('x-request-id', requestId)
  return res
}

/** `res` with `headers` set (copied first when its headers are immutable: a Response from fetch). */
export function withHeaders(res: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v)
    return res
  } catch {
    const copy = new Headers(res.headers)
    for (const [k, v] of Object.entries(headers)) copy.set(k, v)
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: copy })
  }
}
