/**
 * MCP Apps (issue 16). A real MCP server process (official SDK, stdio: e2e/agents/mcp-apps/server.mjs)
 * wired to an agent through the CLI (`--agent e2e/agents/mcp-apps.mjs`, @xpert-ai/chatkit-mcp). Its
 * board app, written with the official MCP Apps client (@modelcontextprotocol/ext-apps), renders in
 * the sandbox sub-frame, gets the host context, the tool input and result, resizes (bounded), calls
 * a tool that reaches the MCP server (its own record) and puts the result into the conversation,
 * where the agent answers it; a destructive tool runs only after the user allows it in the frame;
 * its link opens through the frame's link policy. A hostile app is blocked everywhere (the probe
 * server receives nothing) and gets "method not found" for the frame's bridge methods.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Frame, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { openHost, type Host } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { startProbe, type Probe } from '../support/probe-server.js'
import { expectProbeBlocked } from '../support/sandbox-probe.js'

const SERVER_PORT = E2E.extraPort(1)
const HOST_PORT = E2E.extraPort(2)

let own: OwnServer
let probe: Probe
let dir: string
let host: Host | null = null
const recordFile = () => path.join(dir, 'record.jsonl')
/** What the MCP server itself recorded: every tool call it ran. */
const records = (): { tool: string; args: Record<string, unknown> }[] =>
  readFileSync(recordFile(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
const ran = (tool: string) => records().filter((r) => r.tool === tool)

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-mcp-apps-'))
  writeFileSync(recordFile(), '')
  probe = await startProbe({ https: false })
  own = await startOwnServer({
    port: SERVER_PORT,
    allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`],
    env: { CHATKIT_AGENT: 'e2e/agents/mcp-apps.mjs', MCP_APPS_RECORD: recordFile(), MCP_APPS_PROBE_ORIGIN: probe.origin },
  })
})
test.afterAll(async () => {
  await own?.dispose()
  await probe?.close()
  rmSync(dir, { recursive: true, force: true })
})
test.afterEach(async () => {
  await host?.close()
  host = null
})

/** Asks for an app; returns the answer, the app's iframe in the frame and the app's own document. */
async function showApp(page: Page, text: string, tool: string) {
  host = await openHost(page, { at: HOST_PORT, server: own.origin })
  const input = host.frame.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
  const answer = host.frame.locator('article[data-message-role="assistant"]').first()
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(answer.locator(`.ck-step[data-tool-type="${tool}"]`)).toHaveAttribute('data-tool-status', 'success')
  const iframe = answer.locator('.ck-mcp-app iframe')
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts')
  await expect(iframe).toHaveAttribute('data-state', 'rendered')
  const inner = page.frames().find((f) => f.url().endsWith('/chatkit/sandbox')) as Frame
  expect(inner).toBeTruthy()
  return { answer, iframe, inner }
}

test('the app renders with the host context, tool input and result, resizes within bounds, and its tool call reaches the MCP server and the conversation', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const popups: Page[] = []
  page.on('popup', (p) => popups.push(p))
  const { iframe, inner } = await showApp(page, 'show me the board', 'show_board')
  expect(ran('show_board')).toEqual([{ tool: 'show_board', args: { title: 'Groceries' } }])
  // The MCP tool's title names the step and the app's sub-frame.
  await expect(host!.frame.locator('.ck-step[data-tool-type="show_board"] .ck-step-title')).toHaveText('Shopping board')
  await expect(iframe).toHaveAttribute('title', 'App: Shopping board')
  await expect(inner.locator('#state')).toHaveText('connected', { timeout: 15_000 })
  await expect(inner.locator('body')).toHaveAttribute('data-host', 'chatkit')
  await expect(inner.locator('body')).toHaveAttribute('data-theme', 'light')
  await expect(inner.locator('body')).toHaveAttribute('data-locale', /^en/)
  await expect(inner.locator('#input')).toHaveText('{"title":"Groceries"}')
  await expect(inner.locator('#result')).toHaveText('board with 1 items')
  await expect(inner.locator('#items li')).toHaveText(['bread'])

  // Size: the sub-frame follows the app's size-changed notifications, up to 640 px.
  const heightOf = async () => (await iframe.boundingBox())!.height
  await expect.poll(heightOf).toBeGreaterThan(150)
  const fitted = await heightOf()
  await inner.locator('#grow').click()
  await expect.poll(heightOf).toBeGreaterThan(fitted + 100)
  for (let i = 0; i < 3; i++) await inner.locator('#grow').click()
  await expect.poll(heightOf).toBe(640)

  // The theme follows the frame (host-context-changed).
  await host!.setOptions({ theme: { colorScheme: 'dark' } })
  await expect(host!.frame.locator('html')).toHaveAttribute('data-color-scheme', 'dark')
  await expect(inner.locator('body')).toHaveAttribute('data-theme', 'dark')

  // A tool call from the app: through our server to the MCP server, and its result back to the app,
  // which puts it into the conversation (ui/message); the agent answers it.
  await inner.locator('#add').click()
  await expect(inner.locator('#status')).toHaveText('added oat milk')
  expect(ran('add_item')).toEqual([{ tool: 'add_item', args: { text: 'oat milk' } }])
  await expect(host!.frame.locator('article[data-message-role="user"] .ck-user-text').nth(1)).toHaveText('The board app says: added oat milk')
  await expect(host!.frame.locator('article[data-message-role="assistant"]').nth(1)).toContainText('Agent heard: The board app says: added oat milk', {
    timeout: 20_000,
  })

  // A link: through the frame's link policy, a new tab with no opener (the page is served here).
  await page.context().route('https://example.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<p>help</p>' }))
  await inner.locator('#link').click()
  await expect.poll(() => popups.length).toBe(1)
  await popups[0].waitForLoadState()
  expect(popups[0].url()).toBe('https://example.com/board-help')
  expect(await popups[0].evaluate(() => window.opener)).toBeNull()
})

test('a destructive tool the app asks for runs only after the user allows it in the frame', async ({ page }) => {
  test.setTimeout(60_000)
  const { answer, inner } = await showApp(page, 'the board again', 'show_board')
  await expect(inner.locator('#state')).toHaveText('connected', { timeout: 15_000 })
  const before = ran('clear_items').length
  const ask = answer.locator('.ck-mcp-app-ask')
  await inner.locator('#clear').click()
  await expect(ask).toContainText('“clear_items”')
  expect(ran('clear_items').length).toBe(before)
  // The frame with the app and its question is axe-clean (WCAG 2.2 A/AA).
  const frame = await host!.rawFrame()
  expect(await axeViolations(frame)).toEqual([])
  await ask.getByRole('button', { name: 'Deny' }).click()
  await expect(inner.locator('#status')).toHaveText(/^refused: .*the user did not allow "clear_items"/)
  await expect(ask).toHaveCount(0)
  expect(ran('clear_items').length).toBe(before)

  await inner.locator('#clear').click()
  await ask.getByRole('button', { name: 'Allow' }).click()
  await expect(inner.locator('#status')).toHaveText('cleared')
  expect(ran('clear_items').length).toBe(before + 1)
})

test('a hostile app reaches neither the network, the frame bridge, the host, cookies nor storage; nothing reaches the probe', async ({ page }) => {
  test.setTimeout(60_000)
  const popups: string[] = []
  page.on('popup', (p) => popups.push(p.url()))
  const { inner } = await showApp(page, 'run the probe', 'show_probe')
  const hostUrl = page.url()
  await expect(inner.locator('#drawn')).toHaveText('drawn')
  const log = await expectProbeBlocked({ page, inner, frame: host!.frame, probe, hostUrl, popups })
  // JSON-RPC to the frame: a bridge method is unknown; a tool its MCP server lacks is refused by our server.
  expect(log['rpc-bridge']).toBe('blocked RpcError-32601')
  expect(log['rpc-other-tool']).toBe('blocked RpcError-32603')
  expect(ran('delete_everything')).toEqual([])
  // Navigating its own sub-frame away (to carry data out in the URL) is refused by the frame's
  // `frame-src 'self'`: the sub-frame ends on Chromium's error page, and the probe gets nothing.
  await inner.evaluate((to) => void (location.href = `${to}/navigate?d=secret`), probe.origin).catch(() => {})
  await expect.poll(() => inner.url()).toBe('chrome-error://chromewebdata/')
  expect(probe.paths()).toEqual([])
})
