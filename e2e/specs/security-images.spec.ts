/**
 * Agent-authored images are opt-in by origin (issue 20). The spec's own server runs with
 * `CHATKIT_IMAGE_ORIGINS=<allowed probe>` and an agent (e2e/agents/images.mjs) that answers with
 * images and fetch attempts through every channel — markdown, reference images, raw `<img>`,
 * `srcset`, `<picture>`, link prefetch/preload/icon, SVG `<image>`, CSS `url()`/`@import`, widget
 * images and backgrounds, message image parts, reasoning, tool input/output, source favicons — aimed at an attacker
 * probe served over real HTTPS (self-signed, trusted by this context), the scheme the old CSP
 * `img-src https:` let through. Proven in Chromium: the attacker receives nothing, the frame does
 * not even try (no CSP violation report), allowed origins, the frame's own origin and data: load,
 * and a click (or Enter) on an image's placeholder opens that one URL in a new tab, once, without
 * a referrer, while the frame still loads nothing from there.
 */
import { expect, test, type Page } from '@playwright/test'
import { frameOf, type Host, openHost } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { axeViolations } from '../support/axe.js'
import { PIXEL, startProbe, type Probe } from '../support/probe-server.js'

const SERVER_PORT = E2E.extraPort(3)
const HOST_PORT = E2E.extraPort(5)

test.use({ ignoreHTTPSErrors: true })

let evil: Probe
let allowed: Probe
let own: OwnServer
let host: Host | null = null

test.beforeAll(async () => {
  evil = await startProbe({ https: true })
  allowed = await startProbe({ https: false })
  const self = `http://127.0.0.1:${SERVER_PORT}`
  own = await startOwnServer({
    port: SERVER_PORT,
    allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`],
    env: {
      CHATKIT_AGENT: 'e2e/agents/images.mjs',
      CHATKIT_IMAGE_ORIGINS: allowed.origin,
      IMAGES_EVIL_ORIGIN: evil.origin,
      IMAGES_ALLOWED_ORIGIN: allowed.origin,
      IMAGES_SELF_ORIGIN: self,
    },
  })
})
test.afterAll(async () => {
  await own?.dispose()
  await evil?.close()
  await allowed?.close()
})
test.afterEach(async () => {
  await host?.close()
  host = null
})

test('the frame CSP allows images only from its origin, data:, blob: and --image-origins — not https: or any scheme', async () => {
  const res = await fetch(`${own.origin}/chatkit/`)
  const csp = res.headers.get('content-security-policy') ?? ''
  const imgSrc = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('img-src '))
  expect(imgSrc).toBe(`img-src 'self' data: blob: ${allowed.origin}`)
  expect(csp).not.toMatch(/(?:^|\s)(?:https?:|\*)(?:;|\s|$)/)
  expect(await res.text()).toContain(`<meta name="chatkit-image-origins" content="${allowed.origin}">`)
})

/** Every CSP violation the frame's document reports (a renderer bug would show up here first). */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    ;(window as any).__violations = []
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
}

/** Opens the host page, asks, and returns the finished answer. */
async function askForImages(page: Page) {
  host = await openHost(page, { at: HOST_PORT, server: own.origin })
  const input = host.frame.getByRole('textbox', { name: 'Message' })
  await input.fill('show me pictures')
  await input.press('Enter')
  const answer = host.frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(answer).toContainText('Done.')
  return answer
}

test('images from other origins never load by themselves, in any channel; allowed, own and data: images do', async ({ page }) => {
  test.setTimeout(60_000)
  await watchViolations(page)
  const toEvil: string[] = []
  const toSelf: string[] = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.origin === evil.origin) toEvil.push(u.pathname)
    if (u.origin === own.origin && u.pathname.startsWith('/chatkit/own-')) toSelf.push(u.pathname)
  })
  const answer = await askForImages(page)
  // Open every fold (reasoning, tool steps, their JSON) so everything in them is rendered. The
  // steps' view is a lazy chunk that may arrive after the answer is done (on a loaded machine):
  // both steps first.
  await expect(answer.locator('.ck-step details')).toHaveCount(2)
  const frame = frameOf(page)
  for (let i = 0; i < 3; i++) {
    await frame.evaluate(() =>
      document.querySelectorAll('details').forEach((d) => {
        d.open = true
        d.dispatchEvent(new Event('toggle'))
      }),
    )
  }
  await expect(answer.locator('.ck-tool-results')).toBeVisible()
  await expect(answer.locator('.ck-widget')).toContainText('box')

  // Positive signal first: what the policy allows did load, through every channel that has it
  // (images are `loading="lazy"`: each is brought on screen, as a reader scrolling would).
  for (const img of ['img[alt="ok-md"]', 'img[alt="own-md"]', 'img[alt="ok-widget"]', '.ck-tool-favicon', '.ck-gallery img']) {
    await answer
      .locator(img)
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'center' }))
  }
  await expect.poll(() => allowed.paths().sort(), { timeout: 10_000 }).toEqual(['/md-ok.png', '/message-ok.png', '/source-favicon.png', '/widget-ok.png'])
  await expect.poll(() => toSelf).toEqual(['/chatkit/own-md.png'])
  expect(await answer.locator('img[alt="data-md"]').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1)
  expect(await answer.locator('img[alt="ok-widget"]').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1)

  // Nothing reached the attacker, the browser never asked, and the frame never even tried.
  expect(evil.hits).toEqual([])
  expect(toEvil).toEqual([])
  expect(await frame.evaluate(() => (window as any).__violations)).toEqual([])
  // No element carries an attacker URL in anything that fetches (only placeholder links do, in href).
  const fetching = await frame.evaluate(
    (o) =>
      Array.from(document.querySelectorAll('*')).flatMap((e) =>
        Array.from(e.attributes)
          .filter((a) => a.value.includes(o) && !(e.tagName === 'A' && a.name === 'href') && !(e.tagName === 'A' && a.name === 'title'))
          .map((a) => `${e.tagName}[${a.name}]`),
      ),
    evil.origin,
  )
  expect(fetching).toEqual([])

  // Each blocked image is a link-like placeholder naming the attacker's host.
  const evilHost = new URL(evil.origin).host
  for (const alt of ['leak-md', 'leak-ref', 'leak-widget', 'leak-widget-md', 'reasoning']) {
    await expect(answer.getByRole('link', { name: `${alt} — Image from ${evilHost}, not loaded: open it in a new tab` })).toBeVisible()
  }
  // A message image part (the agent's `image` event) has no alt: the placeholder names the host only.
  await expect(answer.locator('.ck-part > a.ck-image-ask')).toHaveAccessibleName(`Image from ${evilHost}, not loaded: open it in a new tab`)
  // Raw HTML and CSS were shown as text, not run.
  await expect(answer).toContainText('<img srcset=')
  await expect(answer).toContainText('<link rel="prefetch"')

  // Control: this browser context does reach the HTTPS probe when a page without our CSP asks.
  await page.evaluate((u) => new Promise((r) => Object.assign(new Image(), { onload: r, onerror: r, src: u })), `${evil.origin}/control.png`)
  expect(evil.paths()).toEqual(['/control.png'])
})

test('the user chooses to load: Enter or a click on the placeholder opens that one image in a new tab, without referrer', async ({ page, context }) => {
  await watchViolations(page)
  const answer = await askForImages(page)
  evil.hits.length = 0

  const placeholder = answer.getByRole('link', { name: /^leak-md — Image from / })
  await placeholder.focus()
  const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')])
  await popup.waitForLoadState()
  expect(popup.url()).toBe(`${evil.origin}/md.png?d=the%20whole%20conversation`)
  // The request: that image, once, top-level, no referrer; the new tab has no opener. (Being a
  // visit to that site, the tab may also ask it for its own /favicon.ico, as for any page.)
  const image = { path: '/md.png?d=the%20whole%20conversation', referer: null }
  await expect.poll(() => evil.hits[0]).toEqual(image)
  expect(evil.hits.filter((h) => h.path !== '/favicon.ico')).toEqual([image])
  expect(await popup.evaluate(() => window.opener)).toBeNull()
  // The frame itself still loads nothing from there.
  const frame = frameOf(page)
  expect(await frame.evaluate((o) => Array.from(document.images).filter((i) => i.src.startsWith(o)).length, evil.origin)).toBe(0)
  expect(await frame.evaluate(() => (window as any).__violations)).toEqual([])
  await popup.close()

  // A mouse click works the same (the widget's image), and the placeholders pass axe (WCAG A/AA).
  evil.hits.length = 0
  const [second] = await Promise.all([context.waitForEvent('page'), answer.getByRole('link', { name: /^leak-widget — Image from / }).click()])
  await second.waitForLoadState()
  expect(second.url()).toBe(`${evil.origin}/widget.png?d=the%20whole%20conversation`)
  await expect.poll(() => evil.hits[0]).toEqual({ path: '/widget.png?d=the%20whole%20conversation', referer: null })
  await second.close()
  expect(await axeViolations(frame)).toEqual([])
})

test("the user's own attachment preview (a blob: URL the frame made) shows under the CSP", async ({ page }) => {
  await watchViolations(page)
  host = await openHost(page, { at: HOST_PORT, server: own.origin, options: { composer: { attachments: { enabled: true } } } })
  await host.frame.locator('input[type="file"]').setInputFiles([{ name: 'dot.png', mimeType: 'image/png', buffer: PIXEL }])
  const preview = host.frame.getByRole('list', { name: 'Attachments' }).getByRole('listitem').first().locator('img')
  await expect(preview).toHaveAttribute('src', /^blob:/)
  await expect.poll(() => preview.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1)
})
