import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { BodyTooLargeError, HttpError, badRequest, payloadTooLarge, unsupportedMediaType } from './errors.js'

/**
 * Reads a JSON request body with a byte limit. The stream is read by hand (not `req.json()`) so
 * that an oversized body stops being read at the limit and its error keeps its type.
 * An empty body yields `undefined` when `optional`, else a 400.
 */
export async function readJson(req: Request, limit: number, optional = false): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > limit) throw payloadTooLarge(limit)
  const text = await readText(req, limit)
  if (text.trim() === '') {
    if (optional) return undefined
    throw badRequest('request body: expected a JSON object', ApiErrorCodes.InvalidJson)
  }
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw unsupportedMediaType(`content-type: expected application/json, got "${type || 'none'}"`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw badRequest(`request body: malformed JSON (${(e as Error).message})`, ApiErrorCodes.InvalidJson)
  }
  // JSON.parse takes any depth, but JSON.stringify (size checks, storage, SSE) overflows the stack
  // on a few thousand levels: refuse deep bodies here, once for every route.
  if (nestedDeeperThan(value, MAX_BODY_DEPTH)) throw badRequest(`request body: nested deeper than ${MAX_BODY_DEPTH} levels`, ApiErrorCodes.InvalidJson)
  return value
}

/** How deep a JSON request body may nest (objects and arrays both count). */
export const MAX_BODY_DEPTH = 128

/** True when `v` has objects or arrays nested more than `max` levels (checked without recursion). */
export function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]]
  while (stack.length) {
    const [x, depth] = stack.pop()!
    if (x === null || typeof x !== 'object') continue
    if (depth >= max) return true
    for (const child of Object.values(x)) stack.push([child, depth + 1])
  }
  return false
}

async function readText(req: Request, limit: number): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readBytes(req, limit))
}

/** The raw body, read up to `limit` bytes (413 past it). */
export async function readBytes(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > limit) throw payloadTooLarge(limit)
  if (!req.body) return new Uint8Array(0)
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        throw payloadTooLarge(limit)
      }
      chunks.push(value)
    }
  } catch (e) {
    throw bodyReadError(e)
  }
  return Buffer.concat(chunks)
}

/** What a failed body read means for the client: over the adapter's limit (413), or cut short (400). */
export function bodyReadError(e: unknown): HttpError {
  if (e instanceof BodyTooLargeError) return payloadTooLarge(e.limit)
  if (e instanceof HttpError) return e
  // The connection closed (or the stream failed) before the body was complete: the client's
  // request is incomplete, not a server fault.
  return new HttpError(400, ApiErrorCodes.IncompleteBody, 'request body: the connection closed before the body was complete')
}
