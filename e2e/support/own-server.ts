/**
 * A spec's own chatkit-server process (the built CLI), which the spec may stop and start again on
 * the same port and data dir, and what it stored. The shared e2e server is left alone. A host page
 * that embeds its frame is `openHost(page, { at: port, server: own.origin })` (support/host.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type OwnServer = {
  origin: string
  dataDir: string
  /** Starts the process (again) and waits for `/healthz`. */
  start(): Promise<void>
  /** Sends `signal` and waits for the process to exit. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>
  /** Everything the process printed, across restarts. */
  output(): string
  mintSecret(user: string): Promise<string>
  dispose(): Promise<void>
}

export async function startOwnServer(o: { port: number; allowedOrigins: string[]; env?: Record<string, string> }): Promise<OwnServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-e2e-own-'))
  const origin = `http://127.0.0.1:${o.port}`
  let child: ChildProcess | null = null
  let exited: Promise<number | null> = Promise.resolve(null)
  let out = ''
  const server: OwnServer = {
    origin,
    dataDir,
    async start() {
      const args = [
        'apps/server/dist/cli.js',
        '--port',
        String(o.port),
        '--no-demo',
        '--data-dir',
        dataDir,
        '--api-key',
        E2E.apiKey,
        '--allowed-origins',
        o.allowedOrigins.join(' '),
      ]
      const c = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } })
      child = c
      exited = new Promise((r) => c.on('exit', (code) => r(code)))
      c.stdout!.on('data', (d) => (out += d))
      c.stderr!.on('data', (d) => (out += d))
      const until = Date.now() + 15_000
      for (;;) {
        if (c.exitCode !== null) throw new Error(`the server exited (${c.exitCode}):\n${out}`)
        const ok = await fetch(`${origin}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
        if (ok) return
        if (Date.now() > until) throw new Error(`the server did not come up on ${origin}:\n${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop(signal) {
      const c = child
      if (!c || c.exitCode !== null) return c?.exitCode ?? null
      c.kill(signal)
      return exited
    },
    output: () => out,
    mintSecret: (user) => mintSecret(user, { origin }),
    async dispose() {
      await server.stop('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  await server.start()
  return server
}

/** The thread's stored messages, as the server returns them. */
export async function storedMessages(
  api: Pick<OwnServer, 'origin' | 'mintSecret'>,
  user: string,
  threadId: string,
): Promise<{ id: string; role: string; status: string; content: unknown; error?: string }[]> {
  const secret = await api.mintSecret(user)
  const res = await fetch(`${api.origin}/api/ai/conversations/${threadId}/messages?limit=100&offset=0`, { headers: { authorization: `Bearer ${secret}` } })
  if (!res.ok) throw new Error(`GET messages: HTTP ${res.status} ${await res.text()}`)
  return ((await res.json()) as { items: never[] }).items
}

/** The plain text of a stored AI message (its text parts joined). */
export function storedText(m: { content: unknown }): string {
  if (typeof m.content === 'string') return m.content
  return (m.content as { type: string; text?: string }[])
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('')
}
