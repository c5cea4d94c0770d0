/**
 * A TCP proxy in front of the e2e server that slows what the browser sends (so an upload's
 * progress is visible) and can break uploads midway. Breaking keeps refusing upload connections:
 * Chromium silently retries a POST once on a fresh socket after a reset, and a retry that goes
 * through would hide the failure the test is about. The frame
 * is loaded THROUGH it (frameUrl and apiUrl both on the proxy), so the frame's CSP `'self'`
 * still covers its API calls; what reaches the server is byte-for-byte what the browser sent.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export type ThrottleProxy = {
  origin: string
  /** Bytes per second from browser to server; Infinity for no limit. */
  setRate(bytesPerSecond: number): void
  /** From now on, every connection carrying `POST …/contexts/file` is destroyed (open ones at once). */
  breakUploads(): void
  close(): Promise<void>
}

export async function startThrottleProxy(port: number, target: { host: string; port: number }, bytesPerSecond = Infinity): Promise<ThrottleProxy> {
  let rate = bytesPerSecond
  let breaking = false
  const uploads = new Set<Socket>()
  const sockets = new Set<Socket>()
  const track = (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s)))
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host)
    track(client)
    track(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    upstream.pipe(client)
    // Browser → server, paced: each chunk waits as long as the rate says it takes to send.
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes('POST /api/ai/contexts/file')) uploads.add(client)
      if (breaking && uploads.has(client)) return void (client.destroy(), upstream.destroy())
      if (!Number.isFinite(rate)) return void upstream.write(chunk)
      client.pause()
      setTimeout(
        () => {
          if (!upstream.destroyed) upstream.write(chunk)
          client.resume()
        },
        (chunk.length / rate) * 1000,
      )
    })
    client.on('end', () => upstream.end())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    origin: `http://127.0.0.1:${port}`,
    setRate: (r) => void (rate = r),
    breakUploads: () => {
      breaking = true
      uploads.forEach((s) => {
        s.destroy()
      })
    },
    close: () =>
      new Promise<void>(
        (r) => (
          sockets.forEach((s) => {
            s.destroy()
          }),
          server.close(() => r())
        ),
      ),
  }
}
