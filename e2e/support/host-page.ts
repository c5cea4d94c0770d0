/**
 * The specs' own host page on an extra origin: embeds ChatKit with the vanilla SDK and chosen
 * options, with a real client secret minted server-side (as a customer's backend would), host
 * handlers for `onClientTool`, `widgets.onAction` and `onLinkClick`, and every `chatkit.*` event recorded in
 * `window.__events` (name + detail). Trap functions `__xss` count calls in `window.__xssCalls`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import type { FrameLocator, Page } from '@playwright/test'
import { E2E } from './ports.js'
import { mintSecret } from './secrets.js'
import { serveRoutes } from './static-server.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type HostPageOptions = {
  xpertId?: string
  /** Extra ChatKit options (JSON only). */
  options?: Record<string, unknown>
  /** Give the host a `widgets.onAction` handler (else actions go to the server). */
  widgetHandler?: boolean
  /** How the host's `onClientTool` answers: a value, or 'throw'. */
  clientTool?: 'title' | 'throw'
  /** Give the host an `onLinkClick` that records each link in `window.__links` (links then do not open). */
  linkHandler?: boolean
  /** The user the client secret is minted for (default: a fresh one); the same user sees the same threads. */
  user?: string
}

export { mintSecret }

export async function startHostPage(slot: number, o: HostPageOptions = {}): Promise<{ url: string; server: Server }> {
  const xpertId = o.xpertId ?? 'demo'
  const secret = await mintSecret(o.user, { assistant: xpertId })
  const config = JSON.stringify({
    frameUrl: `${E2E.api}/chatkit/`,
    apiUrl: `${E2E.api}/api/ai`,
    xpertId,
    secret,
    options: o.options ?? {},
    widgetHandler: !!o.widgetHandler,
    clientTool: o.clientTool ?? 'title',
    linkHandler: !!o.linkHandler,
  })
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>Host page title</title></head>
<body>
<xpertai-chatkit id="ck" style="display:block;width:560px;height:760px"></xpertai-chatkit>
<script type="module">
import { createChatKit } from '/sdk/chatkit.js'
const c = ${config.replace(/</g, '\\u003c')}
window.__events = []
window.__actions = []
window.__tools = []
window.__links = []
window.__secret = c.secret
window.__xssCalls = 0
window.__xss = () => { window.__xssCalls++ }
const el = document.getElementById('ck')
for (const name of ['ready','error','effect','log','response.start','response.end','response.stop','thread.change','thread.load.start','thread.load.end']) {
  el.addEventListener('chatkit.' + name, (e) => window.__events.push({ name, detail: name === 'error' ? { code: e.detail?.error?.code, message: String(e.detail?.error?.message) } : e.detail ?? null }))
}
const options = {
  ...c.options,
  element: el,
  frameUrl: c.frameUrl,
  api: { ...c.options.api, apiUrl: c.apiUrl, xpertId: c.xpertId, getClientSecret: async () => c.secret },
  onClientTool: async (call) => {
    window.__tools.push(call)
    if (c.clientTool === 'throw') throw new Error('the host refused')
    return { content: { title: document.title } }
  },
}
if (c.linkHandler) options.onLinkClick = (link) => void window.__links.push(link)
if (c.widgetHandler) options.widgets = { onAction: async (action, item) => { window.__actions.push({ action, id: item.id, type: item.widget.type }); await new Promise((r) => setTimeout(r, 300)) } }
window.__chatkit = createChatKit(options)
</script>
</body></html>`
  const server = await serveRoutes(E2E.extraPort(slot), {
    '/': { body: html, type: 'text/html' },
    '/sdk/chatkit.js': { body: readFileSync(path.join(ROOT, 'packages/chatkit-js/dist/index.js')), type: 'text/javascript' },
  })
  return { url: `http://127.0.0.1:${E2E.extraPort(slot)}/`, server }
}

export const chatFrame = (page: Page): FrameLocator => page.frameLocator('xpertai-chatkit iframe')

export type HostEvent = { name: string; detail: any }
export const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { __events: HostEvent[] }).__events)

/** Opens the host page and waits for `chatkit.ready`. */
export async function openHost(page: Page, url: string): Promise<FrameLocator> {
  await page.goto(url)
  await page.waitForFunction(() => (window as any).__events?.some((e: { name: string }) => e.name === 'ready'))
  return chatFrame(page)
}

/** Types `text` into the composer and sends it. */
export async function ask(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.locator('textarea[aria-label="Message"]')
  await input.fill(text)
  await input.press('Enter')
}
