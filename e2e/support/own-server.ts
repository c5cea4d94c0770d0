/**
 * A spec's own chatkit-server process (the built CLI), which the spec may stop and start again on
 * the same port and data dir, plus a host page on another origin that embeds the frame through a
 * chosen origin (the server itself, or a proxy in front of it). The shared e2e server is left alone.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { FrameLocator, Page } from '@playwright/test'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'
import { closeServer, serveRoutes } from './static-server.js'

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

export type OwnHost = { page: Page; frame: FrameLocator; user: string; server: Server; close(): Promise<void> }

/**
 * Serves a host page on `port` and opens it: the frame and its API both at `via` (so the frame's
 * CSP `'self'` covers the API), client secrets minted by `api` for a fresh user, and every
 * `chatkit.*` event kept in `window.__events`.
 */
export async function openOwnHost(
  page: Page,
  o: { port: number; via: string; api: Pick<OwnServer, 'mintSecret'>; options?: Record<string, unknown>; user?: string },
): Promise<OwnHost> {
  const user = o.user ?? `net-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const config = JSON.stringify({ frameUrl: `${o.via}/chatkit/`, apiUrl: `${o.via}/api/ai`, options: o.options ?? {} }).replace(/</g, '\\u003c')
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>own host</title>
<style>html,body{margin:0}xpertai-chatkit{display:block;width:520px;height:760px}</style></head>
<body><xpertai-chatkit id="ck"></xpertai-chatkit>
<script type="module">
import { createChatKit, EVENT_NAMES } from '/sdk/chatkit.js'
const c = ${config}
window.__events = []
const el = document.getElementById('ck')
for (const n of EVENT_NAMES) el.addEventListener('chatkit.' + n, (e) => window.__events.push({ name: n, detail: e.detail && e.detail.error ? { message: String(e.detail.error.message) } : e.detail ?? null }))
window.__chatkit = createChatKit({ ...c.options, element: el, frameUrl: c.frameUrl, api: { apiUrl: c.apiUrl, xpertId: 'demo', getClientSecret: () => window.__mintSecret() } })
</script></body></html>`
  const server = await serveRoutes(o.port, {
    '/': { body: html, type: 'text/html' },
    '/sdk/chatkit.js': { body: readFileSync(path.join(ROOT, 'packages/chatkit-js/dist/index.js')), type: 'text/javascript' },
  })
  await page.exposeFunction('__mintSecret', () => o.api.mintSecret(user))
  await page.goto(`http://127.0.0.1:${o.port}/`)
  await page.waitForFunction(() => (window as any).__events?.some((e: { name: string }) => e.name === 'ready'), null, { timeout: 20_000 })
  return { page, frame: page.frameLocator('xpertai-chatkit iframe'), user, server, close: () => closeServer(server) }
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

/** The assistant's answers shown in the frame of `h`, oldest first. */
export const answers = (h: OwnHost) => h.frame.locator('article[data-message-role="assistant"]')

/** Types `text` into the composer of `h` and sends it with Enter, as a user does. */
export async function ask(h: OwnHost, text: string) {
  const input = h.frame.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
}

/** The thread the frame of `h` shows, from its last `thread.change` event (the test page records events). */
export async function shownThreadId(h: OwnHost): Promise<string> {
  const events = await h.page.evaluate(() => (window as any).__events as { name: string; detail: any }[])
  const id = events
    .filter((e) => e.name === 'thread.change')
    .map((e) => e.detail?.threadId)
    .filter(Boolean)
    .at(-1)
  if (!id) throw new Error('no thread id yet')
  return id
}
