/**
 * The one host page of the e2e specs: a page that embeds ChatKit with the vanilla SDK, as a
 * customer's page does, and the `Host` handle a spec drives it through.
 *
 * - Where it is served (`at`): `'demo'` (default) puts it AT the demo origin by intercepting one
 *   URL (`page.route`), an origin the e2e server already allows, with the demo server's real
 *   `/sdk/chatkit.js`. Chromium counts an intercepted document as "public" and would then block its
 *   127.0.0.1 iframe (Local Network Access); in a real embed both sides are public, so specs using
 *   it turn that check off with `test.use(aroundBrowser)`. A port number serves it from a static
 *   server on that port instead (its own origin; `E2E.extraPort(slot)`, or `E2E.evilPort` for an
 *   origin the server does not allow), with the built SDK from packages/chatkit-js/dist.
 * - Which server the frame and API come from (`server`): the shared e2e server, or a spec's own
 *   server or a proxy in front of it (so the frame's CSP `'self'` covers the API).
 * - Options are JSON; host functions are Node callbacks by dotted option path (`onClientTool`,
 *   `widgets.onAction`, `entities.onTagSearch`, `api.getClientSecret`, …) reached through one
 *   exposed function. Without an `api.getClientSecret` callback, each call mints a real secret for
 *   `user` (support/secrets.ts) or returns the fixed `secret`.
 * - Every `chatkit.*` event is recorded as `{ name, detail }` (an error's detail is `{ code, message }`).
 */
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import type { Frame, FrameLocator, Page } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'
import { closeServer, serveRoutes } from './static-server.js'

/** `test.use(aroundBrowser)` for pages served `at: 'demo'`: the e2e launch args plus Local Network Access checks off. */
export const aroundBrowser = {
  launchOptions: { executablePath: chromiumPath, args: chromiumArgs(['LocalNetworkAccessChecks']) },
}

type Callback = (...args: any[]) => unknown
export type HostEvent = { name: string; detail: any }

export type HostOptions = {
  /** Where the page is served: `'demo'` (the demo origin, via `page.route`) or a port for its own origin. */
  at?: 'demo' | number
  /** Origin of the frame and its API (default: the shared e2e server). */
  server?: string
  /** Origin that mints client secrets (default: `server`); an own server when `server` is a proxy. */
  mintAt?: string
  /** ChatKit options as JSON (`api.apiUrl`, `api.xpertId` 'demo' and `frameUrl` are filled in); `connectTimeout` etc. go here. */
  options?: Record<string, unknown>
  /** Host functions by dotted option path, run in the test. */
  callbacks?: Record<string, Callback>
  /** Session user (default: a fresh one, which keeps each test's history apart). */
  user?: string
  /** A fixed client secret (e.g. a bogus one) instead of minting. */
  secret?: string
  /** CSS size of the element (default 480×700). */
  size?: { width: string; height: string }
  /** Pass `createChatKit` a plain `<div>` to mount into, instead of an `<xpertai-chatkit>`. */
  container?: boolean
  /** Wait for `chatkit.ready` (default true); false for a page that is meant not to connect. */
  waitReady?: boolean
}

export type Host = {
  page: Page
  frame: FrameLocator
  /** The page's URL. */
  url: string
  /** The frame as a Playwright Frame (for evaluate, axe and screenshots), once attached. */
  rawFrame(): Promise<Frame>
  events(): Promise<HostEvent[]>
  eventsNamed(name: string): Promise<any[]>
  /** Replaces all options (the `callbacks` stay wired). */
  setOptions(options: Record<string, unknown>): Promise<void>
  /** Calls an element method (`showHistory`, `setThreadId`, `sendUserMessage`, …). */
  call(method: string, ...args: unknown[]): Promise<unknown>
  user: string
  /** A client secret for `user` (the fixed one if given). */
  secret(): Promise<string>
  /** Stops the page's static server (also done when the page closes). */
  close(): Promise<void>
}

const ROOT = path.resolve(import.meta.dirname, '../..')
const DEMO_PATH = '/__host.html'

/** The chat frame inside `<xpertai-chatkit>`'s shadow root (Playwright pierces open shadow roots). */
export const chatFrame = (page: Page): FrameLocator => page.frameLocator('xpertai-chatkit iframe')

/** The chat frame as a Playwright `Frame` (the page's child at `/chatkit/`, not its sandboxes), to evaluate in its document. */
export function frameOf(page: Page): Frame {
  const f = page.frames().find((fr) => fr.parentFrame() === page.mainFrame() && /^https?:\/\/[^/]+\/chatkit\/([?#]|$)/.test(fr.url()))
  if (!f) throw new Error('no ChatKit frame on the page')
  return f
}

/** The events the page recorded in `window.__events` (this page's and the demo site's test pages). */
export const pageEvents = (page: Page): Promise<HostEvent[]> => page.evaluate(() => ((window as any).__events ?? []) as HostEvent[])

/** Waits until the page recorded `chatkit.ready`; on timeout says which events and failures there were. */
export async function waitForReady(page: Page, timeout = 20_000): Promise<void> {
  const problems: string[] = []
  const failed = (r: { url(): string; failure(): { errorText: string } | null }) => problems.push(`${r.url()}: ${r.failure()?.errorText}`)
  const crashed = (e: Error) => problems.push(e.message)
  page.on('requestfailed', failed)
  page.on('pageerror', crashed)
  try {
    await page.waitForFunction(() => ((window as any).__events ?? []).some((e: HostEvent) => e.name === 'ready'), null, { timeout })
  } catch (e) {
    const seen = await pageEvents(page).catch(() => [])
    throw new Error(`chatkit.ready never came. Events: ${JSON.stringify(seen)}; failures: ${problems.join('; ')}`, { cause: e })
  } finally {
    page.off('requestfailed', failed)
    page.off('pageerror', crashed)
  }
}

/** Types `text` into the composer and sends it with Enter, as a user does. */
export async function ask(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
}

/** The assistant's answers in the frame, oldest first. */
export const answers = (frame: FrameLocator) => frame.locator('article[data-message-role="assistant"]')

/** The thread the frame shows, from the last `thread.change` event the page recorded. */
export async function shownThreadId(page: Page): Promise<string> {
  const id = (await pageEvents(page))
    .filter((e) => e.name === 'thread.change')
    .map((e) => e.detail?.threadId)
    .filter(Boolean)
    .at(-1)
  if (!id) throw new Error('no thread id yet')
  return id
}

function hostHtml(config: unknown, size: { width: string; height: string }, container = false): string {
  // JSON in a script: `<` escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page title</title>
<style>html,body{margin:0;height:100%}xpertai-chatkit{display:block;width:${size.width};height:${size.height}}</style></head>
<body>${container ? '<div id="box"></div>' : '<xpertai-chatkit id="ck"></xpertai-chatkit>'}
<script type="module">
import { createChatKit, EVENT_NAMES } from '/sdk/chatkit.js'
const config = ${json}
window.__events = []
const target = document.getElementById(${container ? "'box'" : "'ck'"})
function withCallbacks(options, paths) {
  const o = structuredClone(options)
  for (const path of paths) {
    const keys = path.split('.')
    let at = o
    for (const k of keys.slice(0, -1)) at = at[k] ??= {}
    at[keys.at(-1)] = (...args) => window.__hostCallback(path, JSON.parse(JSON.stringify(args)))
  }
  if (!paths.includes('api.getClientSecret')) o.api.getClientSecret = () => window.__hostSecret()
  return o
}
const listen = (el) => { for (const n of EVENT_NAMES) el.addEventListener('chatkit.' + n, (e) => {
  const d = e.detail
  window.__events.push({ name: n, detail: d && d.error ? { code: d.error.code, message: String(d.error.message) } : d ?? null })
}) }
// An <xpertai-chatkit> is listened to before the options go in; one mounted in a container, at once.
if (target.localName === 'xpertai-chatkit') listen(target)
window.__chatkit = createChatKit({ element: target, ...withCallbacks(config.options, config.callbacks) })
const el = window.__chatkit.element
if (el !== target) listen(el)
window.__setOptions = (options) => el.setOptions(withCallbacks(options, config.callbacks))
</script></body></html>`
}

/** What a page's exposed functions (and its demo-origin route) reach; replaced by each `openHost` on that page. */
type Wiring = { secret: () => Promise<string>; callbacks: Record<string, Callback>; html: string; routed?: boolean }
const wired = new WeakMap<Page, Wiring>()

async function wire(page: Page, w: Wiring, demo: boolean): Promise<void> {
  const before = wired.get(page)
  wired.set(page, { ...w, routed: before?.routed })
  if (!before) {
    await page.exposeFunction('__hostSecret', () => wired.get(page)!.secret())
    await page.exposeFunction('__hostCallback', async (p: string, args: unknown[]) => {
      const fn = wired.get(page)!.callbacks[p]
      if (!fn) throw new Error(`no test callback for ${p}`)
      return fn(...args)
    })
  }
  if (demo && !before?.routed) {
    await page.route(E2E.demo + DEMO_PATH, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: wired.get(page)!.html }))
    wired.get(page)!.routed = true
  }
}

let sdk: Buffer | null = null
async function servePage(port: number, html: string): Promise<Server> {
  sdk ??= readFileSync(path.join(ROOT, 'packages/chatkit-js/dist/index.js'))
  return serveRoutes(port, { '/': { body: html, type: 'text/html' }, '/sdk/chatkit.js': { body: sdk, type: 'text/javascript' } })
}

/** Serves the host page as `o` says, opens it in `page` and (by default) waits for `chatkit.ready`. */
export async function openHost(page: Page, o: HostOptions = {}): Promise<Host> {
  const at = o.at ?? 'demo'
  if (at !== 'demo' && !Number.isInteger(at)) throw new Error(`openHost: \`at\` is 'demo' or a port, not ${JSON.stringify(at)}`)
  const server = o.server ?? E2E.api
  const user = o.user ?? `u-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const callbacks = o.callbacks ?? {}
  const baseOptions = (extra: Record<string, unknown> = {}) => ({
    frameUrl: `${server}/chatkit/`,
    ...extra,
    api: { apiUrl: `${server}/api/ai`, xpertId: 'demo', ...(extra.api as object) },
  })
  // A minted secret is scoped to the assistant the frame talks to.
  const assistant = (o.options?.api as { xpertId?: string } | undefined)?.xpertId
  const secret = () => (o.secret !== undefined ? Promise.resolve(o.secret) : mintSecret(user, { assistant, origin: o.mintAt ?? server }))
  const html = hostHtml({ options: baseOptions(o.options), callbacks: Object.keys(callbacks) }, o.size ?? { width: '480px', height: '700px' }, o.container)
  await wire(page, { secret, callbacks, html }, at === 'demo')
  let pageServer: Server | null = null
  if (at !== 'demo') {
    const s = await servePage(at, html)
    pageServer = s
    page.once('close', () => void closeServer(s))
  }
  const url = at === 'demo' ? E2E.demo + DEMO_PATH : `http://127.0.0.1:${at}/`
  const host: Host = {
    page,
    url,
    user,
    frame: chatFrame(page),
    async rawFrame() {
      await page.locator('xpertai-chatkit iframe').waitFor({ state: 'attached' })
      return frameOf(page)
    },
    events: () => pageEvents(page),
    eventsNamed: async (name) => (await pageEvents(page)).filter((e) => e.name === name).map((e) => e.detail),
    setOptions: (options) => page.evaluate(([opts]) => (window as any).__setOptions(opts), [baseOptions(options)] as const),
    call: (method, ...args) => page.evaluate(([m, a]) => (window as any).__chatkit[m as string](...(a as unknown[])), [method, args] as const),
    secret,
    close: async () => {
      if (pageServer?.listening) await closeServer(pageServer)
    },
  }
  await page.goto(url)
  if (o.waitReady !== false) await waitForReady(page)
  return host
}
