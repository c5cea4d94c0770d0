import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import { expect, test } from '@playwright/test'
import { openHost, pageEvents, type HostOptions } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { closeServer, serveRoutes, type Route } from '../support/static-server.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const frameUrl = E2E.api + '/chatkit/'
/** A host page with a bogus secret (the frame never gets to use it), not waiting for `ready`. */
const bogusHost = (at: number, options: HostOptions['options']): HostOptions => ({ at, secret: 'cs-x-not-a-real-secret', options, waitReady: false })
const errors = async (page: import('@playwright/test').Page) => (await pageEvents(page)).filter((e) => e.name === 'error').map((e) => e.detail)
const readied = async (page: import('@playwright/test').Page) => (await pageEvents(page)).some((e) => e.name === 'ready')

/** Every static file of the built frame, with the allowlist meta the server would inject, but NO CSP header. */
function bareFrameRoutes(allowed: string): Record<string, Route> {
  const dist = path.join(ROOT, 'apps/frame/dist')
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8').replace('</head>', `<meta name="chatkit-allowed-origins" content="${allowed}"></head>`)
  const routes: Record<string, Route> = { '/chatkit/': { body: html, type: 'text/html' } }
  for (const m of html.matchAll(/(?:src|href)="\/chatkit\/([^"]+)"/g)) {
    const file = m[1]
    routes['/chatkit/' + file] = {
      body: readFileSync(path.join(dist, file)),
      type: file.endsWith('.css') ? 'text/css' : 'text/javascript',
    }
  }
  return routes
}

let servers: Server[] = []
test.afterEach(async () => {
  await Promise.all(servers.map(closeServer))
  servers = []
})

test('the frame is sent with frame-ancestors naming only the allowed origins', async ({ request }) => {
  const res = await request.get(frameUrl)
  expect(res.status()).toBe(200)
  const csp = res.headers()['content-security-policy']
  // start-server.mjs allows the demo site and the specs' own host pages (extra ports), never evil.
  const allowed = [E2E.demo, ...[0, 1, 2, 3, 4, 5].map((n) => `http://127.0.0.1:${E2E.extraPort(n)}`)].join(' ')
  expect(csp).toMatch(new RegExp(`frame-ancestors ${allowed.replace(/[.:/]/g, '\\$&')}(;|$)`))
  expect(csp).not.toContain(E2E.evil)
  expect(await res.text()).toContain(`<meta name="chatkit-allowed-origins" content="${allowed}">`)
})

test('a page on a non-allowed origin cannot frame the frame, and the host gets a clear error', async ({ page }) => {
  const blocked: string[] = []
  page.on('console', (m) => m.text().includes('frame-ancestors') && blocked.push(m.text()))
  const t0 = Date.now()
  await openHost(page, bogusHost(E2E.evilPort, { connectTimeout: 3000 }))
  // Within 2 s (not the handshake timeout), naming this page's origin and the server setting.
  await expect
    .poll(() => errors(page), { timeout: 2000 })
    .toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining(
          `this page's origin ${E2E.evil} is not allowed to embed the ChatKit frame at ${E2E.api}: add it to the server's --allowed-origins (CHATKIT_ALLOWED_ORIGINS)`,
        ),
      }),
    )
  expect(Date.now() - t0).toBeLessThan(2000)
  expect(await readied(page)).toBe(false)
  // Chromium refused to render the frame document: no frame has the chat UI.
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue
    expect(f.url().startsWith(E2E.api)).toBe(false)
  }
  expect(blocked.join('\n')).toContain('frame-ancestors')
})

test('the frame itself refuses a parent whose origin is not on its allowlist (no CSP to help)', async ({ page }) => {
  const goodPort = E2E.extraPort(0)
  const good = `http://127.0.0.1:${goodPort}`
  const bareFrameUrl = E2E.bareFrame + '/chatkit/'
  servers.push(await serveRoutes(E2E.bareFramePort, bareFrameRoutes(good)))

  // Control: the allowed origin connects.
  await openHost(page, bogusHost(goodPort, { frameUrl: bareFrameUrl, connectTimeout: 8000 }))
  await expect.poll(() => readied(page)).toBe(true)

  // The same frame, embedded by another origin, loads (no CSP here) but never connects, and says so at once.
  await openHost(page, bogusHost(E2E.evilPort, { frameUrl: bareFrameUrl, connectTimeout: 3000 }))
  await expect
    .poll(() => errors(page), { timeout: 2000 })
    .toContainEqual(expect.objectContaining({ message: expect.stringContaining(`this page's origin ${E2E.evil} is not allowed`) }))
  expect(await readied(page)).toBe(false)
  const frame = page.frames().find((f) => f.url().startsWith(bareFrameUrl))
  expect(frame, 'the frame document loaded').toBeTruthy()
  await expect(frame!.locator('textarea[aria-label="Message"]')).toHaveCount(0)
})
