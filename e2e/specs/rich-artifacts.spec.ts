/**
 * Artifacts (issue 16). An HTML artifact's script tries the network (fetch, XHR, image, beacon,
 * WebSocket, form post), the frame's bridge (penpal-shaped messages to parent and top), top
 * navigation, a popup, cookies and localStorage: all blocked, the probe server receives nothing,
 * the host's bridge still works — while the artifact's own canvas drawing works. SVG, Markdown and
 * code artifacts preview; the panel has source, copy, download and closes with Escape, giving focus
 * back to the card; on a narrow layout it covers the whole frame.
 */
import { expect, test, type Frame } from '@playwright/test'
import { answers, ask, openHost, type Host } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { startProbe, type Probe } from '../support/probe-server.js'
import { expectProbeBlocked } from '../support/sandbox-probe.js'

const SERVER_PORT = E2E.extraPort(1)
const HOST_PORT = E2E.extraPort(2)

let own: OwnServer
let probe: Probe
let host: Host | null = null

test.beforeAll(async () => {
  probe = await startProbe({ https: false })
  own = await startOwnServer({
    port: SERVER_PORT,
    allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`],
    env: { CHATKIT_AGENT: 'e2e/agents/artifacts.mjs', ARTIFACT_PROBE_ORIGIN: probe.origin },
  })
})
test.afterAll(async () => {
  await own?.dispose()
  await probe?.close()
})
test.afterEach(async () => {
  await host?.close()
  host = null
})

test('the frame CSP frames only its own origin; the sandbox document has its own no-network, sandboxed policy', async () => {
  const csp = (await fetch(`${own.origin}/chatkit/`)).headers.get('content-security-policy') ?? ''
  expect(csp).toContain("frame-src 'self'")
  const res = await fetch(`${own.origin}/chatkit/sandbox`)
  expect(res.headers.get('content-security-policy')).toBe(
    `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; sandbox allow-scripts; frame-ancestors 'self' http://127.0.0.1:${HOST_PORT}`,
  )
})

async function askForPages(page: import('@playwright/test').Page) {
  host = await openHost(page, { at: HOST_PORT, server: own.origin })
  await ask(host.frame, 'make a page')
  const answer = answers(host.frame)
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(answer.locator('.ck-artifact-card')).toHaveCount(5)
  return answer
}

test('a hostile HTML artifact draws, and every escape it tries is blocked; nothing reaches the probe', async ({ page }) => {
  test.setTimeout(60_000)
  const popups: string[] = []
  page.on('popup', (p) => popups.push(p.url()))
  const answer = await askForPages(page)
  const hostUrl = page.url()
  await answer.getByRole('button', { name: /Probe page/ }).click()
  const panel = host!.frame.getByRole('dialog', { name: 'Probe page' })
  await expect(panel).toBeVisible()
  const iframe = panel.locator('iframe.ck-artifact-sandbox')
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts')
  await expect(iframe).toHaveAttribute('data-state', 'rendered')
  const inner = page.frames().find((f) => f.url().endsWith('/chatkit/sandbox')) as Frame
  expect(inner).toBeTruthy()
  await expect(inner.locator('#drawn')).toHaveText('drawn')
  // The canvas really has the red rectangle.
  await expect(inner.locator('li[data-k="done"]')).toBeAttached({ timeout: 15_000 })
  expect(await inner.evaluate(() => Array.from((document.getElementById('c') as HTMLCanvasElement).getContext('2d')!.getImageData(10, 10, 1, 1).data))).toEqual(
    [200, 30, 30, 255],
  )
  await expectProbeBlocked({ page, inner, frame: host!.frame, probe, hostUrl, popups })
})

test('SVG, Markdown and code artifacts preview; source, copy, download, Escape and focus return; full screen when narrow', async ({ page, context }) => {
  test.setTimeout(60_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: own.origin })
  const answer = await askForPages(page)
  const svgCard = answer.getByRole('button', { name: /A circle/ })
  await svgCard.click()
  let panel = host!.frame.getByRole('dialog', { name: 'A circle' })
  await expect(panel.locator('iframe')).toHaveAttribute('data-state', 'rendered')
  const inner = page.frames().find((f) => f.url().endsWith('/chatkit/sandbox') && f.parentFrame()?.url().startsWith(own.origin)) as Frame
  await expect(inner.locator('#dot')).toBeAttached()
  await panel.getByRole('tab', { name: 'Source' }).click()
  await expect(panel.locator('.ck-artifact-source')).toContainText('<circle id="dot"')
  const download = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Download' }).click()
  expect((await download).suggestedFilename()).toBe('A-circle.svg')
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(svgCard).toBeFocused()

  await answer.getByRole('button', { name: /Notes/ }).click()
  panel = host!.frame.getByRole('dialog', { name: 'Notes' })
  await expect(panel.getByRole('heading', { name: 'Notes', level: 1 })).toBeVisible()
  await expect(panel.locator('strong')).toHaveText('two')
  expect(await page.evaluate(() => (window as any).__pwned ?? null)).toBeNull()
  await panel.getByRole('button', { name: 'Copy' }).click()
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible()
  await panel.getByRole('button', { name: 'Close' }).click()

  await answer.getByRole('button', { name: /hello\.py/ }).click()
  panel = host!.frame.getByRole('dialog', { name: 'hello.py' })
  await expect(panel.locator('pre code')).toContainText('print("hello")')
  const box = await panel.boundingBox()
  await page.evaluate(() => ((document.querySelector('xpertai-chatkit') as HTMLElement).style.width = '380px'))
  await expect.poll(async () => (await panel.boundingBox())!.width).toBeLessThan(box!.width)
  const frameBox = await page.locator('xpertai-chatkit iframe').boundingBox()
  expect(Math.round((await panel.boundingBox())!.width)).toBe(Math.round(frameBox!.width))
})

test('a preview that never finishes rendering is stopped after its time bound; the frame stays responsive', async ({ page }) => {
  test.setTimeout(60_000)
  const answer = await askForPages(page)
  await answer.getByRole('button', { name: /Endless loop/ }).click()
  const panel = host!.frame.getByRole('dialog', { name: 'Endless loop' })
  await expect(panel.getByRole('alert')).toHaveText('The preview took too long to render and was stopped.', { timeout: 15_000 })
  await expect(panel.locator('iframe')).toHaveCount(0)
  await panel.getByRole('tab', { name: 'Source' }).click()
  await expect(panel.locator('.ck-artifact-source')).toContainText('for (;;) {}')
  await page.keyboard.press('Escape')
  await expect(answer.getByRole('button', { name: /Endless loop/ })).toBeFocused()
})
