import { timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { Registry } from 'prom-client'
import { closeServer } from '@xpert-ai/chatkit-server'

export type MetricsListener = { url: string; close(): Promise<void> }

/**
 * `GET /metrics` (Prometheus text format) on a listener of its own, apart from the API: on
 * loopback by default; elsewhere only with a token (`Authorization: Bearer <token>`, checked in
 * constant time; 401 without it). Nothing else is served there (404).
 */
export async function serveMetrics(registry: Registry, o: { port: number; host: string; token: string | null }): Promise<MetricsListener> {
  const expected = o.token === null ? null : Buffer.from(`Bearer ${o.token}`)
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the metrics are at GET /metrics\n')
      return
    }
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res
          .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' })
          .end('unauthorized: send Authorization: Bearer <--metrics-token>\n')
        return
      }
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      (e) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`collecting the metrics failed: ${(e as Error).message}\n`),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as { port: number }
  return { url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/metrics`, close: () => closeServer(server) }
}
