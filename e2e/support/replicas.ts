/**
 * The scale world of `pnpm test:scale`: throwaway PostgreSQL and Redis, three replicas of the
 * built CLI on them, and HAProxy in front (round-robin, no stickiness). Each response names the
 * replica that answered (`x-chatkit-replica: r0|r1|r2`); a test pins a request to one by sending
 * that header. Every port is a free ephemeral one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { freePort, startHaproxy, startPostgres, startRedis, type Postgres, type Redis } from '../../scripts/services.mjs'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

type Replica = { name: string; port: number; start(): Promise<void>; kill(): Promise<void>; output(): string }
export type ScaleWorld = {
  /** The load balancer's origin: the frame and the API through it. */
  origin: string
  replicas: Replica[]
  /** The services, for outage tests (stop and start them). */
  pg: Postgres
  redis: Redis
  mintSecret(user: string): Promise<string>
  stop(): Promise<void>
}

export async function startScaleWorld(allowedOrigins: string[]): Promise<ScaleWorld> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()])
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-e2e-scale-'))
  const replicas: Replica[] = []
  for (let i = 0; i < 3; i++)
    replicas.push(
      replica(`r${i}`, await freePort(), dataDir, ['--database-url', pg.url, '--redis-url', redis.url, '--allowed-origins', allowedOrigins.join(' ')]),
    )
  // One at a time: the first migrates the schema (the others would wait on its lock anyway).
  for (const r of replicas) await r.start()
  const lb = await startHaproxy(replicas.map((r) => `127.0.0.1:${r.port}`))
  // Up once HAProxy's health checks see every replica.
  for (const r of replicas)
    await until(async () => (await fetch(`${lb.url}/healthz`, { headers: { 'x-chatkit-replica': r.name } })).ok, `${r.name} through HAProxy`)
  return {
    origin: lb.url,
    replicas,
    pg,
    redis,
    mintSecret: (user) => mintSecret(user, { origin: lb.url }),
    async stop() {
      for (const r of replicas) await r.kill()
      await lb.stop()
      await Promise.all([pg.stop(), redis.stop()])
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function replica(name: string, port: number, dataDir: string, args: string[]): Replica {
  let child: ChildProcess | null = null
  let out = ''
  return {
    name,
    port,
    output: () => out,
    async start() {
      const argv = ['apps/server/dist/cli.js', '--port', String(port), '--no-demo', '--data-dir', dataDir, '--api-key', E2E.apiKey, ...args]
      const c = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      child = c
      c.stdout!.on('data', (d) => (out += d))
      c.stderr!.on('data', (d) => (out += d))
      await until(async () => {
        if (c.exitCode !== null) throw new Error(`replica ${name} exited (${c.exitCode}):\n${out}`)
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok
      }, `replica ${name}`)
    },
    async kill() {
      const c = child
      if (!c || c.exitCode !== null) return
      const gone = new Promise((r) => c.on('exit', r))
      c.kill('SIGKILL')
      await gone
    },
  }
}

async function until(ok: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  for (;;) {
    try {
      if (await ok()) return
    } catch (e) {
      if (/exited/.test((e as Error).message)) throw e
    }
    if (Date.now() > end) throw new Error(`${what} did not come up`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Which replica answered each API request of a page (method, path, replica), in order. */
export function servedBy(page: Page): { method: string; path: string; replica: string; lastEventId: string | undefined }[] {
  const seen: { method: string; path: string; replica: string; lastEventId: string | undefined }[] = []
  page.on('response', (r) => {
    const url = new URL(r.url())
    if (!url.pathname.startsWith('/api/ai/')) return
    seen.push({
      method: r.request().method(),
      path: url.pathname.slice(7),
      replica: r.headers()['x-chatkit-replica'] ?? '?',
      lastEventId: r.request().headers()['last-event-id'],
    })
  })
  return seen
}

/** Sends the page's API requests matching `pattern` (and `method`) to replica `name`. */
export async function pin(page: Page, pattern: RegExp, name: string, method?: string): Promise<void> {
  await page.route(pattern, (route) => {
    const req = route.request()
    if (method && req.method() !== method) return route.fallback()
    return route.continue({ headers: { ...req.headers(), 'x-chatkit-replica': name } })
  })
}
