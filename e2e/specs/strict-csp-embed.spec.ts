import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import { expect, test } from '@playwright/test'
import { ask } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { closeServer, serveRoutes } from '../support/static-server.js'
import { mintSecret } from '../support/secrets.js'

/**
 * docs/getting-started.md "Any page": a page under the recommended strict CSP embeds the chat with
 * the SDK script served by our server (no npm) and the guide's own chat.js, streams an answer,
 * and the frame fills the element (not the 300×150 fallback an unstyled iframe gets).
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const guide = readFileSync(path.join(ROOT, 'docs/getting-started.md'), 'utf8')
const block = (start: string) => {
  const m = new RegExp('```(?:js|html)\\n(' + start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[\\s\\S]*?)\\n```').exec(guide)
  if (!m) throw new Error(`docs/getting-started.md has no block starting with ${start}`)
  return m[1]
}
const version = JSON.parse(readFileSync(path.join(ROOT, 'packages/chatkit-js/package.json'), 'utf8')).version as string
const port = E2E.extraPort(5)
const host = `http://127.0.0.1:${port}`
// The guide's page and script, pointed at the e2e server instead of 127.0.0.1:8787.
const onServer = (s: string) => s.replaceAll('http://127.0.0.1:8787', E2E.api).replaceAll('/sdk/0.1.0/', `/sdk/${version}/`)
const csp = /content="([^"]+)"/.exec(block('<!doctype html>'))![1]

let servers: Server[] = []
test.afterEach(async () => {
  await Promise.all(servers.map(closeServer))
  servers = []
})

/** Serves the guide's page under its CSP; `chatJs` may change the guide's chat.js. */
async function serveGuidePage(chatJs = (s: string) => s) {
  const secret = await mintSecret(`csp-${Date.now()}`)
  // The guide's page, with the CSP as a header too, its height in the stylesheet (style-src 'self'),
  // and a probe (before the SDK) recording CSP violations and chatkit events.
  const html = onServer(block('<!doctype html>'))
    .replace(' style="display:block;height:600px"', '')
    .replace('<xpertai-chatkit', '<link rel="stylesheet" href="/page.css"><script src="/probe.js"></script>\n<xpertai-chatkit')
  servers.push(
    await serveRoutes(port, {
      '/': { body: html, type: 'text/html', headers: { 'content-security-policy': onServer(csp) } },
      '/page.css': { body: 'body{margin:0}xpertai-chatkit{display:block;width:480px;height:640px}', type: 'text/css' },
      '/probe.js': {
        type: 'text/javascript',
        body: `window.__violations = []; window.__events = []
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))
for (const n of ['ready', 'error', 'response.end']) document.addEventListener('DOMContentLoaded', () => document.getElementById('chat').addEventListener('chatkit.' + n, (e) => window.__events.push(n + (e.detail && e.detail.error ? ': ' + e.detail.error.message : ''))))`,
      },
      '/chat.js': { body: chatJs(onServer(block('// chat.js'))), type: 'text/javascript' },
      '/api/create-session': { body: JSON.stringify({ client_secret: secret }), type: 'application/json' },
    }),
  )
}

test('a strict-CSP page embeds the chat with the SDK served by the ChatKit server, streams an answer, at full size', async ({ page }) => {
  expect(onServer(csp)).toBe(`default-src 'self'; script-src 'self' ${E2E.api}; frame-src ${E2E.api}; style-src 'self'`)
  await serveGuidePage()
  const sdk = page.waitForResponse((r) => r.url() === `${E2E.api}/chatkit/sdk/${version}/chatkit.iife.js`)
  await page.goto(host + '/')
  expect((await sdk).status()).toBe(200)
  await expect.poll(() => page.evaluate(() => (window as any).__events)).toContain('ready')

  const frame = page.frameLocator('xpertai-chatkit iframe')
  await ask(frame, 'hello under a strict CSP')
  await expect.poll(() => page.evaluate(() => (window as any).__events), { timeout: 20_000 }).toContain('response.end')
  const answer = frame.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-status', 'done')
  expect(((await answer.textContent()) ?? '').length).toBeGreaterThan(20)

  const box = await page.locator('xpertai-chatkit').evaluate((el) => {
    const r = el.shadowRoot!.querySelector('iframe')!.getBoundingClientRect()
    return { w: r.width, h: r.height, border: getComputedStyle(el.shadowRoot!.querySelector('iframe')!).borderTopWidth }
  })
  expect(box).toEqual({ w: 480, h: 640, border: '0px' })
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([])
  expect((await page.evaluate(() => (window as any).__events)).filter((e: string) => e.startsWith('error'))).toEqual([])
})

test("displayMode 'pet' under the same strict CSP: the classic script fetches pet.js from the ChatKit server, the pet opens the chat", async ({ page }) => {
  await serveGuidePage((js) => js.replace("element: document.getElementById('chat'),", "element: document.getElementById('chat'),\n  displayMode: 'pet',"))
  const petJs = page.waitForResponse((r) => r.url() === `${E2E.api}/chatkit/sdk/${version}/pet.js`)
  await page.goto(host + '/')
  expect((await petJs).status()).toBe(200)
  await expect.poll(() => page.evaluate(() => (window as any).__events)).toContain('ready')
  const pet = page.getByRole('button', { name: 'Open chat' })
  await expect(page.locator('xpertai-chatkit iframe')).toBeHidden()
  await pet.click()
  await expect(page.locator('xpertai-chatkit iframe')).toBeVisible()
  await expect(page.frameLocator('xpertai-chatkit iframe').locator('textarea[aria-label="Message"]')).toBeFocused()
  // The pet's and the panel's styles applied (constructable stylesheet, no inline <style>).
  expect(await pet.evaluate((b) => getComputedStyle(b).position)).toBe('fixed')
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([])
  expect((await page.evaluate(() => (window as any).__events)).filter((e: string) => e.startsWith('error'))).toEqual([])
})
