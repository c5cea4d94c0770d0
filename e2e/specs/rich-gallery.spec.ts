/**
 * Image galleries (issue 16): consecutive answer images the image policy loads form a gallery; a
 * thumbnail opens a viewer by keyboard (Tab, Enter), ←/→ step through, Escape closes and focus
 * returns to the thumbnail of the image last shown. An image the policy does not load stays a link
 * outside the gallery. Axe-clean with the viewer open.
 */
import { expect, test } from '@playwright/test'
import { frameOf, type Host, openHost } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { axeViolations } from '../support/axe.js'

const SERVER_PORT = E2E.extraPort(1)
const HOST_PORT = E2E.extraPort(2)

let own: OwnServer
let host: Host | null = null

test.beforeAll(async () => {
  own = await startOwnServer({ port: SERVER_PORT, allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`], env: { CHATKIT_AGENT: 'e2e/agents/gallery.mjs' } })
})
test.afterAll(async () => await own?.dispose())
test.afterEach(async () => {
  await host?.close()
  host = null
})

test('an image gallery opens by keyboard, steps with the arrows, closes with Escape and gives focus back', async ({ page }) => {
  test.setTimeout(60_000)
  host = await openHost(page, { at: HOST_PORT, server: own.origin })
  const input = host.frame.getByRole('textbox', { name: 'Message' })
  await input.fill('pictures')
  await input.press('Enter')
  const answer = host.frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const gallery = answer.getByRole('list', { name: '3 images' })
  await expect(gallery.getByRole('button')).toHaveCount(3)
  await expect(answer.locator('a.ck-image-ask')).toContainText('elsewhere.example')
  expect(
    await gallery.locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 8)),
  ).toBe(true)

  // Keyboard only: Tab from the first thumbnail to the second, Enter opens it.
  await gallery.getByRole('button', { name: 'Open image 1 of 3: A red square' }).focus()
  await page.keyboard.press('Tab')
  await expect(gallery.getByRole('button', { name: 'Open image 2 of 3: A green square' })).toBeFocused()
  await page.keyboard.press('Enter')
  const viewer = host.frame.getByRole('dialog', { name: 'Image 2 of 3' })
  await expect(viewer).toBeVisible()
  await expect(viewer.getByRole('img', { name: 'A green square' })).toBeVisible()
  expect(await axeViolations(frameOf(page))).toEqual([])
  await page.keyboard.press('ArrowRight')
  await expect(host.frame.getByRole('dialog', { name: 'Image 3 of 3' }).getByRole('img', { name: 'A blue square' })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(host.frame.getByRole('dialog', { name: 'Image 1 of 3' }).getByRole('img', { name: 'A red square' })).toBeVisible()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(host.frame.getByRole('dialog', { name: 'Image 2 of 3' })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  // A modal viewer: the thread behind it is inert, focus is on its own buttons.
  expect(await host.frame.locator('dialog.ck-viewer').evaluate((d) => d.matches(':modal') && d.contains(document.activeElement))).toBe(true)
  await page.keyboard.press('Escape')
  await expect(host.frame.getByRole('dialog')).toBeHidden()
  await expect(gallery.getByRole('button', { name: 'Open image 3 of 3: A blue square' })).toBeFocused()
})
