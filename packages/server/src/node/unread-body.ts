import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/**
 * A body the handler left unread, up to this many bytes (by its `Content-Length`), is read and
 * dropped after the response so the keep-alive connection serves the client's next request.
 */
export const DRAIN_MAX_BYTES = 1024 * 1024

/**
 * After a response that closes the connection, how long the rest of an unread body is still read
 * (and dropped) before the socket is destroyed.
 */
const LINGER_MS = 2_000

/**
 * Settles a request body that is still arriving when its response goes out: a 401, 405 or 413
 * answered before (or instead of) reading a large upload.
 *
 * Left alone, the body is paused half-read and the connection stalls: the client's next request
 * on it is never parsed (found by a fuzz with Node's `fetch`). Instead the rest is read and
 * dropped. A body of at most `DRAIN_MAX_BYTES` keeps the connection alive; a larger or chunked
 * one gets `Connection: close`, and the socket half-closes after the response and keeps reading
 * for up to `LINGER_MS`, so closing with unread bytes does not reset the connection (a TCP RST can
 * destroy the response before the client has read it).
 *
 * Call it once the handler has returned, before the response head is written.
 */
export function settleUnreadBody(req: IncomingMessage, res: ServerResponse, responseCloses: boolean): void {
  if (req.complete) return
  // Flowing with no 'data' listener: node parses the rest of the body and drops it.
  req.removeAllListeners('data')
  req.resume()
  const declared = Number(req.headers['content-length'])
  if (!responseCloses && Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES) return
  res.setHeader('connection', 'close')
  lingerOnClose(req.socket)
}

/**
 * node:http ends a `Connection: close` response with `socket.destroySoon()`, which destroys the
 * socket as soon as the response is flushed. Here the socket only half-closes: the client reads
 * the whole response, finishes (or abandons) its upload and closes its side, or `LINGER_MS` ends it.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end()
    const timer = setTimeout(() => this.destroy(), LINGER_MS)
    timer.unref()
    this.once('close', () => clearTimeout(timer))
  }
}
