import type { ServerResponse } from 'node:http'
import { takeDirectSse, type DirectSse } from '../http/sse.js'

/**
 * Writes a WHATWG `Response` to node:http. Headers go out at once and each body chunk is written
 * as it arrives (Nagle off), so SSE events reach the client without buffering. When the client
 * disconnects the body stream is cancelled: that stops this response only; what produced it
 * (a run) decides for itself whether to go on.
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return
    headers[key] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers['set-cookie'] = cookies
  res.writeHead(response.status, response.statusText || undefined, headers)
  res.socket?.setNoDelay(true)
  if (!response.body) {
    res.end()
    return
  }
  const sse = takeDirectSse(response.body)
  if (sse) return writeDirect(res, sse)
  res.flushHeaders()
  const reader = response.body.getReader()
  const onClose = () => void reader.cancel().catch(() => {})
  res.on('close', onClose)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (res.destroyed) break
      if (!res.write(value)) await drained(res)
    }
    res.end()
  } catch {
    // The body source failed mid-stream: end the response so the client sees a closed stream.
    res.destroy()
  } finally {
    res.off('close', onClose)
  }
}

/**
 * An SSE body's text written as it comes, without reading it through the web stream. The headers
 * wait for the text already there (a run's first events), written in the same tick.
 */
function writeDirect(res: ServerResponse, sse: DirectSse): Promise<void> {
  return new Promise((resolve) => {
    let ended = false
    const onClose = () => {
      if (!ended) detach()
      resolve()
    }
    res.on('close', onClose)
    const detach = sse.attach(
      (text) => void (res.destroyed || res.write(text)),
      () => {
        ended = true
        res.off('close', onClose)
        res.end()
        resolve()
      },
    )
    // What the run logged before its response (its start) went out with the headers, in one
    // packet, so the client reads both at once; with nothing yet, the headers go now.
    if (!res.headersSent) res.flushHeaders()
    if (res.destroyed && !ended) onClose()
  })
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
