import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Route = { body: string | Buffer; type: string; headers?: Record<string, string> }

/** A tiny HTTP server for test pages on other origins. Unknown paths are 404. */
export async function serveRoutes(port: number, routes: Record<string, Route>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers }).end(route.body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return server
}

export const closeServer = (s: Server) => new Promise<void>((r) => s.close(() => r()))
export const portOf = (s: Server) => (s.address() as AddressInfo).port
