import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { ApiErrorCodes, type ApiErrorBody, type ApiErrorCode } from '@xpert-ai/chatkit-protocol'

/**
 * Requests node:http rejects before any handler runs (malformed request line or headers, headers
 * too large, bad chunking, an `Expect` it cannot meet, `CONNECT`) get node's bare default answers:
 * no body, or a closed socket. This gives them the API's JSON error shape instead.
 */
export function answerProtocolErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Same care as node's default: never write into a response that already started.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage
    if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      const [status, code, message] = clientErrorStatus(err.code)
      socket.write(rawJsonError(status, code, message))
    }
    socket.destroy()
  })
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(errorBody(ApiErrorCodes.ExpectationFailed, `Expect: only "100-continue" is supported`))
    res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' })
    res.end(body)
    req.resume()
  })
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end(rawJsonError(405, ApiErrorCodes.MethodNotAllowed, 'CONNECT is not supported by this server'))
  })
}

/** The status for a node:http parser error code (`HPE_*`). */
function clientErrorStatus(code: string | undefined): [number, ApiErrorCode, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, ApiErrorCodes.HeadersTooLarge, 'request headers too large']
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, ApiErrorCodes.PayloadTooLarge, 'chunk extensions too large']
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, ApiErrorCodes.RequestTimeout, 'the request took too long to arrive']
    default:
      return [400, ApiErrorCodes.BadRequest, `malformed HTTP request${code ? ` (${code})` : ''}`]
  }
}

function errorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } }
}

function rawJsonError(status: number, code: ApiErrorCode, message: string): string {
  const body = JSON.stringify(errorBody(code, message))
  const reason =
    { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' }[status] ??
    'Error'
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`
  )
}
