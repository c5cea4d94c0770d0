import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { IncomingMessage } from 'node:http'
import { BodyTooLargeError, HttpError } from '../http/errors.js'

const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:]+\](?::\d{1,5})?$/i

/** Methods node:http parses but WHATWG `Request` refuses to construct. */
const UNSUPPORTED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/**
 * node:http request → WHATWG `Request`. The body streams (never buffered here) and errors with
 * `BodyTooLargeError` past `maxBodyBytes`; `signal` aborts when the client goes away.
 */
export function toRequest(req: IncomingMessage, maxBodyBytes: number, signal: AbortSignal, trustedProxies: readonly string[] = []): Request {
  const method = req.method ?? 'GET'
  if (UNSUPPORTED_METHODS.has(method)) throw new HttpError(405, ApiErrorCodes.MethodNotAllowed, `${method} is not supported by this server`)
  if (req.httpVersion === '1.1' && req.headers.host === undefined)
    throw new HttpError(400, ApiErrorCodes.InvalidRequest, 'Host: an HTTP/1.1 request needs a Host header')
  const trusted = fromTrustedProxy(req, trustedProxies)
  const url = trusted ? forwardedUrl(req, requestUrl(req)) : requestUrl(req)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
    } catch {
      // A header WHATWG Headers rejects (invalid bytes) is dropped rather than failing the request.
    }
  }
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const request = new Request(url, {
    method,
    headers,
    signal,
    body: hasBody ? bodyStream(req, maxBodyBytes) : undefined,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; DOM typings lack it.
    duplex: 'half',
  })
  const client = (trusted && lastForwardedFor(req)) || req.socket?.remoteAddress
  if (client) REMOTE.set(request, client)
  if (trusted) VIA_PROXY.add(request)
  return request
}

const REMOTE = new WeakMap<Request, string>()
const VIA_PROXY = new WeakSet<Request>()

/** True for a request `toNodeListener` received from one of its `trustedProxies` (it may name its id: `trustRequestId`). */
export function viaTrustedProxy(req: Request): boolean {
  return VIA_PROXY.has(req)
}

/**
 * The client address of a request that came through `toNodeListener` / `serveNode`: the socket's
 * peer, or behind a trusted proxy the last `X-Forwarded-For` hop (the one that proxy appended;
 * earlier hops are whatever the client wrote). Never a header from anyone else. Undefined for
 * requests built elsewhere.
 */
export function socketAddress(req: Request): string | undefined {
  return REMOTE.get(req)
}

/**
 * The request's URL. A hostile Host header (`evil:99999`) must not break URL parsing: only the path
 * and query matter, so an unusable host becomes 127.0.0.1. An origin-form target is appended to
 * the origin rather than resolved against it, so `//x` stays a path instead of naming a host.
 */
function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/'
  const parse = (host: string) => (target.startsWith('/') ? new URL(`http://${host}${target}`) : new URL(target, `http://${host}`))
  const given = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : null
  try {
    if (given) return parse(given)
  } catch {
    // An out-of-range port and the like: fall back to the fixed host below.
  }
  try {
    return parse('127.0.0.1')
  } catch {
    throw new HttpError(400, ApiErrorCodes.InvalidRequest, 'request target: not a valid path')
  }
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
const plainIp = (a: string) => (a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a)

/** True when the socket's peer is one of `trustedProxies`: only then are `X-Forwarded-*` believed. */
function fromTrustedProxy(req: IncomingMessage, trustedProxies: readonly string[]): boolean {
  const peer = req.socket?.remoteAddress
  return !!peer && trustedProxies.some((p) => plainIp(p) === plainIp(peer))
}

/** The last `X-Forwarded-For` hop, if any. */
function lastForwardedFor(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-forwarded-for']
  const hops = (Array.isArray(raw) ? raw.join(',') : raw)
    ?.split(',')
    .map((h) => h.trim())
    .filter(Boolean)
  return hops?.at(-1)
}

/**
 * Behind a trusted proxy the URL takes the scheme and host the browser used from
 * `X-Forwarded-Proto` / `X-Forwarded-Host` (first value of each). From anyone else those headers
 * are ignored: a client cannot make the server build URLs for a host of its choosing.
 */
function forwardedUrl(req: IncomingMessage, url: URL): URL {
  const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim().toLowerCase()
  const proto = first(req.headers['x-forwarded-proto'])
  const host = first(req.headers['x-forwarded-host'])
  const out = new URL(url)
  if (proto === 'https' || proto === 'http') out.protocol = `${proto}:`
  if (host && HOST.test(host)) {
    try {
      const h = new URL(`${out.protocol}//${host}`)
      out.hostname = h.hostname
      out.port = h.port
    } catch {
      // An unusable forwarded host keeps the request's own.
    }
  }
  return out
}

function bodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let size = 0
  // Set once the stream is closed, errored or cancelled: what still arrives is not enqueued
  // (`settleUnreadBody` may resume the request to drop the rest).
  let settled = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (e: unknown) => {
        if (settled) return
        settled = true
        controller.error(e)
      }
      req.on('data', (chunk: Buffer) => {
        if (settled) return
        size += chunk.byteLength
        if (size > limit) {
          fail(new BodyTooLargeError(limit))
          req.pause()
          return
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 1) <= 0) req.pause()
      })
      req.on('end', () => {
        if (settled) return
        settled = true
        controller.close()
      })
      req.on('error', fail)
    },
    pull() {
      if (!settled) req.resume()
    },
    cancel() {
      settled = true
      req.pause()
    },
  })
}
