/**
 * A host page for the "around the conversation" specs, driven only through the host SDK: options
 * go in through `createChatKit`/`setOptions`, methods are the element's, callbacks run in the test
 * (Node) through one exposed function, and every `chatkit.*` event is recorded with its detail.
 *
 * The page is served AT the demo origin by intercepting one URL (`page.route`), so it is an origin
 * the e2e server already allows; the SDK is the demo server's real `/sdk/chatkit.js`. Chromium
 * counts an intercepted document as "public" and would then block its 127.0.0.1 iframe (Local
 * Network Access); in a real embed both sides are public, so specs using this page turn that
 * check off with `aroundBrowser`.
 */
import type { FrameLocator, Frame, Page } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'

/** `test.use(aroundBrowser)`: the e2e launch args plus Local Network Access checks off (see above). */
export const aroundBrowser = {
  launchOptions: { executablePath: chromiumPath, args: chromiumArgs(['LocalNetworkAccessChecks']) },
}

type Callback = (...args: any[]) => unknown
type HostEvent = { name: string; detail: any }

export type HostOptions = {
  /** ChatKit options without `api` (added) and without functions (see `callbacks`). */
  options?: Record<string, unknown>
  /** Host functions by dotted option path, e.g. `entities.onTagSearch`. */
  callbacks?: Record<string, Callback>
  /** Session user; a fresh one per call keeps each test's history apart. */
  user?: string
  /** CSS size of the element (default 480×700). */
  size?: { width: string; height: string }
  /** Pass `createChatKit` a plain `<div>` to mount into, instead of an `<xpertai-chatkit>`. */
  container?: boolean
}

const HOST_PATH = '/__around-host.html'

export { mintSecret }

function hostHtml(config: unknown, size: { width: string; height: string }, container = false): string {
  // JSON in a script: `<` escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>around host</title>
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
    at[keys.at(-1)] = (...args) => window.__callback(path, JSON.parse(JSON.stringify(args)))
  }
  if (!paths.includes('api.getClientSecret')) o.api.getClientSecret = () => window.__mintSecret()
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
window.__setOptions = (options, paths) => el.setOptions(withCallbacks(options, paths ?? config.callbacks))
</script></body></html>`
}

export type Host = {
  page: Page
  frame: FrameLocator
  /** The frame as a Playwright Frame (for axe and screenshots), once attached. */
  rawFrame(): Promise<Frame>
  events(): Promise<HostEvent[]>
  eventsNamed(name: string): Promise<any[]>
  /** Replaces all options (functions from `callbacks` stay wired). */
  setOptions(options: Record<string, unknown>): Promise<void>
  /** Calls an element method (`showHistory`, `setThreadId`, `sendUserMessage`, …). */
  call(method: string, ...args: unknown[]): Promise<unknown>
  user: string
}

function baseOptions(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { frameUrl: E2E.api + '/chatkit/', ...extra, api: { apiUrl: E2E.api + '/api/ai', xpertId: 'demo', ...(extra.api as object) } }
}

export async function openHost(page: Page, opts: HostOptions = {}): Promise<Host> {
  const user = opts.user ?? `u-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const callbacks = opts.callbacks ?? {}
  // The secret is scoped to the assistant the frame talks to (`options.api.xpertId`, default 'demo').
  const assistant = (opts.options?.api as { xpertId?: string } | undefined)?.xpertId
  await page.exposeFunction('__mintSecret', () => mintSecret(user, { assistant }))
  await page.exposeFunction('__callback', async (path: string, args: unknown[]) => {
    const fn = callbacks[path]
    if (!fn) throw new Error(`no test callback for ${path}`)
    return fn(...args)
  })
  const config = { options: baseOptions(opts.options), callbacks: Object.keys(callbacks) }
  const html = hostHtml(config, opts.size ?? { width: '480px', height: '700px' }, opts.container)
  await page.route(E2E.demo + HOST_PATH, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html }))
  await page.goto(E2E.demo + HOST_PATH)
  const host: Host = {
    page,
    user,
    frame: page.frameLocator('xpertai-chatkit iframe'),
    async rawFrame() {
      const handle = await page.locator('xpertai-chatkit iframe').elementHandle()
      const f = await handle!.contentFrame()
      if (!f) throw new Error('the ChatKit iframe has no frame')
      return f
    },
    events: () => page.evaluate(() => (window as any).__events as HostEvent[]),
    eventsNamed: async (name) => (await host.events()).filter((e) => e.name === name).map((e) => e.detail),
    setOptions: (options) => page.evaluate(([o]) => (window as any).__setOptions(o), [baseOptions(options)] as const),
    call: (method, ...args) => page.evaluate(([m, a]) => (window as any).__chatkit[m as string](...(a as unknown[])), [method, args] as const),
  }
  const problems: string[] = []
  page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`))
  page.on('pageerror', (e) => problems.push(e.message))
  try {
    await page.waitForFunction(() => (window as any).__events?.some((e: HostEvent) => e.name === 'ready'), null, { timeout: 20_000 })
  } catch (e) {
    throw new Error(`chatkit.ready never came. Events: ${JSON.stringify(await host.events().catch(() => []))}; failures: ${problems.join('; ')}`, { cause: e })
  }
  return host
}
