/**
 * A probe: an image server on a free loopback port that records every request it receives. Plain
 * HTTP, or real HTTPS with a throwaway self-signed certificate (made by `openssl` for 127.0.0.1),
 * so a spec can stand in for `https://attacker.example` — the scheme a frame CSP of `img-src https:`
 * would let through. Browsers reach it with `ignoreHTTPSErrors`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import os from 'node:os'
import path from 'node:path'
import { closeServer, portOf } from './static-server.js'

/** A 1×1 transparent PNG. */
export const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

type Hit = { path: string; referer: string | null }
export type Probe = { origin: string; hits: Hit[]; paths(): string[]; close(): Promise<void> }

function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-probe-cert-'))
  try {
    const key = path.join(dir, 'key.pem')
    const cert = path.join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'pipe' },
    )
    return { key: readFileSync(key), cert: readFileSync(cert) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function startProbe(o: { https: boolean }): Promise<Probe> {
  const hits: Hit[] = []
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://probe')
    hits.push({ path: url.pathname + url.search, referer: req.headers.referer ?? null })
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(PIXEL)
  }
  const server: Server = o.https ? createHttps(selfSignedCert(), handle) : createHttp(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    origin: `${o.https ? 'https' : 'http'}://127.0.0.1:${portOf(server)}`,
    hits,
    paths: () => hits.map((h) => h.path),
    close: () => {
      server.closeAllConnections()
      return closeServer(server)
    },
  }
}
