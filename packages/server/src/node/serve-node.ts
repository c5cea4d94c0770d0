import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorResponse, HttpError } from '../http/errors.js'
import { randomUUID } from 'node:crypto'
import { inScope } from '../observe/request-scope.js'
import { answerProtocolErrors } from './protocol-errors.js'
import { toRequest } from './to-request.js'
import { settleUnreadBody } from './unread-body.js'
import { writeResponse } from './write-response.js'

export type FetchHandler = (req: Request) => Promise<Response>

export type NodeListenerOptions = {
  /** Request body limit (bytes) enforced while streaming. Default 10 MiB. */
  maxBodyBytes?: number
  /**
   * Addresses of the reverse proxies in front of this server (`127.0.0.1`, `10.0.0.5`): only from
   * them are `X-Forwarded-Proto` and `X-Forwarded-Host` used for the request URL. Default none.
   */
  trustedProxies?: readonly string[]
  onError?: (message: string, error: unknown) => void
}

/**
 * Adapts a fetch handler to a node:http listener.
 *
 * @example
 * http.createServer(toNodeListener(handler)).listen(8787, '127.0.0.1')
 */
export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): RequestListener {
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024
  const onError = options.onError ?? ((m: string, e: unknown) => console.error(`[chatkit] ${m}:`, e))
  return (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) abort.abort()
    })
    void (async () => {
      let response: Response
      try {
        if (Number(req.headers['content-length'] ?? 0) > limit) {
          response = withNewId(() => errorResponse(413, ApiErrorCodes.PayloadTooLarge, `request body exceeds ${limit} bytes`, { connection: 'close' }))
        } else {
          response = await handler(toRequest(req, limit, abort.signal, options.trustedProxies))
        }
      } catch (e) {
        if (e instanceof HttpError) {
          response = withNewId(() => errorResponse(e.status, e.code, e.message, e.headers))
        } else {
          response = withNewId(() => {
            onError(`${req.method} ${req.url} failed`, e)
            return errorResponse(500, ApiErrorCodes.InternalError, 'internal server error')
          })
        }
      }
      settleUnreadBody(req, res, response.headers.get('connection')?.toLowerCase() === 'close')
      await writeResponse(res, response)
    })().catch((e) => {
      onError('writing the response failed', e)
      res.destroy()
    })
  }
}

/** An error answered here, before the handler gave the request an id: it gets one of its own. */
const withNewId = (answer: () => Response) => inScope({ requestId: randomUUID() }, answer)

export type ServeOptions = NodeListenerOptions & {
  port: number
  host?: string
  /** Time allowed for a request (headers and body) to arrive; 408 after. Default 5 min. */
  requestTimeoutMs?: number
}

/**
 * Starts a node:http server for `handler`; resolves once listening (port 0 picks a free port).
 * Requests node rejects before the handler (malformed, headers too large) get JSON errors too.
 */
export async function serveNode(handler: FetchHandler, options: ServeOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const requestTimeout = options.requestTimeoutMs ?? 5 * 60_000
  const server = createServer(
    {
      // A missing Host gets the API's JSON 400 from `toRequest` instead of node's bare one.
      requireHostHeader: false,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, requestTimeout / 4)),
    },
    toNodeListener(handler, options),
  )
  answerProtocolErrors(server)
  // Both limits cover receiving the request only (a body trickled forever holds a connection);
  // once it has arrived the response may last as long as it likes, so SSE streams are not cut.
  server.requestTimeout = requestTimeout
  server.headersTimeout = Math.min(60_000, requestTimeout)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return { server, url, close: () => closeServer(server) }
}

/** Stops accepting, lets idle keep-alive sockets go, and resolves when every connection closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
