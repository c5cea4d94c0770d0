import type { IncomingMessage } from 'node:http'
import { BodyTooLargeError } from '../http/errors.js'

const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:]+\](?::\d{1,5})?$/i

/**
 * node:http request → WHATWG `Request`. The body streams (never buffered here) and errors with
 * `BodyTooLargeError` past `maxBodyBytes`; `signal` aborts when the client goes away.
 */
export function toRequest(req: IncomingMessage, maxBodyBytes: number, signal: AbortSignal): Request {
  // A hostile Host header must not break URL parsing; only the path and query matter here.
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : '127.0.0.1'
  const url = new URL(req.url ?? '/', `http://${host}`)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
    } catch {
      // A header WHATWG Headers rejects (invalid bytes) is dropped rather than failing the request.
    }
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(url, {
    method,
    headers,
    signal,
    body: hasBody ? bodyStream(req, maxBodyBytes) : undefined,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; DOM typings lack it.
    duplex: 'half',
  })
}

function bodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let size = 0
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        size += chunk.byteLength
        if (size > limit) {
          controller.error(new BodyTooLargeError(limit))
          req.pause()
          return
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 1) <= 0) req.pause()
      })
      req.on('end', () => {
        if (size <= limit) controller.close()
      })
      req.on('error', (e) => controller.error(e))
    },
    pull() {
      if (size <= limit) req.resume()
    },
    cancel() {
      req.pause()
    },
  })
}
