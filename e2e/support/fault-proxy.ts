/**
 * A TCP proxy between the browser and the server that breaks answer streams on purpose. Requests
 * pass untouched; every response whose headers say `text/event-stream` is handed a fault by the
 * spec's plan (a seeded one), applied `at` bytes further into that response's body; after a stall
 * or a slow stretch the plan is asked again for the next fault of the same response:
 *   - `cut`: both sockets destroyed there (what a dropped connection or a dead proxy does);
 *   - `stall`: nothing forwarded for `ms`, then the rest (a congested link); with `ms: Infinity`
 *     nothing ever again, until the browser gives up on the connection (a half-dead one);
 *   - `slow`: the next `len` bytes trickle in `bytes`-sized pieces every `ms`.
 * The frame and the API are both loaded THROUGH the proxy (one origin), so the frame's CSP
 * `'self'` covers its API calls.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export type Fault =
  | { kind: 'cut'; at: number }
  | { kind: 'stall'; at: number; ms: number }
  | { kind: 'slow'; at: number; bytes: number; ms: number; len: number }

type FaultStats = { streams: number; cuts: number; stalls: number; deadStalls: number; slows: number }

export type FaultProxy = {
  origin: string
  /** Decides the fault of each new event-stream response (null: none). */
  setPlan(plan: (() => Fault | null) | null): void
  stats: FaultStats
  close(): Promise<void>
}

/** The suite's seeded PRNG, re-exported for the specs that plan faults with it. */
export { seeded } from '../../scripts/seeded.mjs'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export async function startFaultProxy(port: number, target: { host: string; port: number }): Promise<FaultProxy> {
  let plan: (() => Fault | null) | null = null
  const stats: FaultStats = { streams: 0, cuts: 0, stalls: 0, deadStalls: 0, slows: 0 }
  const sockets = new Set<Socket>()
  const track = (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s)))

  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host)
    track(client)
    track(upstream)
    const kill = () => (client.destroy(), upstream.destroy())
    upstream.on('error', kill)
    client.on('error', kill)
    client.on('close', kill)
    client.pipe(upstream)

    // Server → browser, one chunk at a time (the upstream pauses meanwhile, so order holds).
    // `fault.at` is absolute here: body bytes of the current response.
    let fault: (Fault & { more?: boolean }) | null = null
    let sent = 0
    const next = () => {
      const f = plan?.() ?? null
      return f ? { ...f, at: Math.max(0, sent) + f.at } : null
    }
    const write = async (chunk: Buffer): Promise<void> => {
      if (chunk.subarray(0, 7).toString('latin1') === 'HTTP/1.') {
        const end = chunk.indexOf('\r\n\r\n')
        const head = chunk.subarray(0, Math.max(0, end)).toString('latin1')
        const sse = /^content-type:\s*text\/event-stream/im.test(head)
        // Offsets count from the body: the faults hit the answer, not the response head (a
        // POST cut before its head carries the run id cannot be rejoined; that is a plain failure).
        sent = end < 0 ? 0 : -(end + 4)
        fault = null
        if (sse) {
          stats.streams++
          fault = next()
        }
      }
      let rest = chunk
      while (rest.length && !client.destroyed) {
        const f = fault
        if (!f || sent + rest.length <= f.at) {
          sent += rest.length
          return void client.write(rest)
        }
        const n = Math.max(0, f.at - sent)
        if (n) client.write(rest.subarray(0, n))
        sent += n
        rest = rest.subarray(n)
        fault = null
        if (f.kind === 'cut') {
          stats.cuts++
          return void kill()
        }
        if (f.kind === 'stall') {
          if (!Number.isFinite(f.ms)) {
            stats.deadStalls++
            // Nothing more, ever: the connection stays open until the browser drops it.
            return new Promise<void>((r) => (client.destroyed ? r() : client.once('close', () => r())))
          }
          stats.stalls++
          await sleep(f.ms)
          fault = next()
          continue
        }
        // slow: `len` bytes trickle in `bytes`-sized pieces, then the plan is asked again.
        if (!f.more) stats.slows++
        const m = Math.min(rest.length, f.len)
        for (let i = 0; i < m && !client.destroyed; i += f.bytes) {
          client.write(rest.subarray(i, Math.min(m, i + f.bytes)))
          await sleep(f.ms)
        }
        sent += m
        rest = rest.subarray(m)
        fault = f.len > m ? { ...f, at: sent, len: f.len - m, more: true } : next()
      }
    }
    let queue = Promise.resolve()
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause()
      queue = queue.then(() => write(chunk)).finally(() => upstream.resume())
    })
    // The server closed its side: the browser's follows once everything queued is written.
    upstream.on('end', () => void queue.then(() => client.end()))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    origin: `http://127.0.0.1:${port}`,
    setPlan: (p) => void (plan = p),
    stats,
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
