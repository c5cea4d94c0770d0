import { connect } from 'node:net'

/**
 * A raw HTTP/1.1 client over `net`: sends exactly the bytes given (node's http client refuses
 * invalid headers, bad content-lengths and unnormalized paths) and reads the response until the
 * server closes the connection (requests carry `Connection: close`).
 */
export type RawResponse = {
  status: number
  headers: Record<string, string[]>
  body: Buffer
  /** The connection ended before a complete response head arrived. */
  noResponse: boolean
  timedOut: boolean
  /** Socket error seen (ECONNRESET after the server answered an oversized upload is normal). */
  error: string | null
}

export type RawRequest = {
  method: string
  /** Sent as is on the request line. */
  target: string
  /** Header lines in order (duplicates allowed). Values are written as given. */
  headers: [string, string][]
  body?: Buffer | string
  /** Half-close after writing (a truncated body: Content-Length promises more than is sent). */
  halfClose?: boolean
  /** A raw request to send instead of building one. */
  raw?: Buffer
  /** The loopback address to send from (another source than the hostile traffic's 127.0.0.1). */
  localAddress?: string
}

export function buildRequest(r: RawRequest): Buffer {
  if (r.raw) return r.raw
  const head = `${r.method} ${r.target} HTTP/1.1\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body)
  return Buffer.concat([Buffer.from(head, 'latin1'), body])
}

export function sendRaw(port: number, req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const bytes = buildRequest(req)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let error: string | null = null
    let timedOut = false
    let settled = false
    const socket = connect({ port, host: '127.0.0.1', ...(req.localAddress ? { localAddress: req.localAddress } : {}) })
    const timer = setTimeout(() => {
      timedOut = true
      socket.destroy()
    }, timeoutMs)
    socket.on(
      'connect',
      () =>
        void writeAll(socket, bytes).then(
          () => req.halfClose && socket.end(),
          () => {},
        ),
    )
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', (e) => (error = (e as NodeJS.ErrnoException).code ?? e.message))
    socket.on('close', () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve({ ...parseResponse(Buffer.concat(chunks)), timedOut, error })
    })
  })
}

/** Writes in 64 KiB pieces, respecting backpressure; stops quietly when the server closes. */
async function writeAll(socket: import('node:net').Socket, bytes: Buffer): Promise<void> {
  const piece = 64 * 1024
  for (let i = 0; i < bytes.length; i += piece) {
    if (socket.destroyed || !socket.writable) return
    const ok = socket.write(bytes.subarray(i, i + piece))
    if (!ok)
      await new Promise<void>((r) => {
        socket.once('drain', r)
        socket.once('close', r)
      })
  }
}

function parseResponse(buf: Buffer): Pick<RawResponse, 'status' | 'headers' | 'body' | 'noResponse'> {
  // Interim answers (`100 Continue`) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(buf.subarray(0, 16).toString('latin1'))) {
    const interim = buf.indexOf('\r\n\r\n')
    if (interim < 0) break
    buf = buf.subarray(interim + 4)
  }
  const end = buf.indexOf('\r\n\r\n')
  if (end < 0) return { status: 0, headers: {}, body: Buffer.alloc(0), noResponse: true }
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n')
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0])
  if (!m) return { status: 0, headers: {}, body: Buffer.alloc(0), noResponse: true }
  const headers: Record<string, string[]> = {}
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':')
    if (i < 0) continue
    const k = l.slice(0, i).trim().toLowerCase()
    ;(headers[k] ??= []).push(l.slice(i + 1).trim())
  }
  let body = buf.subarray(end + 4)
  if (headers['transfer-encoding']?.some((v) => /chunked/i.test(v))) body = dechunk(body)
  else if (headers['content-length']) body = body.subarray(0, Number(headers['content-length'][0]))
  return { status: Number(m[1]), headers, body, noResponse: false }
}

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = []
  let i = 0
  for (;;) {
    const eol = buf.indexOf('\r\n', i)
    if (eol < 0) break
    const size = parseInt(buf.subarray(i, eol).toString('latin1'), 16)
    if (!Number.isFinite(size) || size === 0) break
    out.push(buf.subarray(eol + 2, eol + 2 + size))
    i = eol + 2 + size + 2
  }
  return Buffer.concat(out)
}

export const header = (r: RawResponse, name: string): string | undefined => r.headers[name.toLowerCase()]?.[0]
