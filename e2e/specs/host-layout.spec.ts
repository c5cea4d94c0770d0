/**
 * Layouts: fill (default), auto-height up to maxHeight, the floating launcher; and the iframe's
 * `allow` list following the enabled features.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, lastAnswer, method, openHost, PAGES } from '../support/sdk-host.js'

const iframeHeight = (page: import('@playwright/test').Page) =>
  page.locator('xpertai-chatkit iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height))

test('by default the frame fills its container and asks only for clipboard-write', async ({ page }) => {
  await openHost(page)
  expect(await iframeHeight(page)).toBe(640)
  expect(await page.locator('xpertai-chatkit iframe').getAttribute('allow')).toBe('clipboard-write')
})

test('the microphone is asked for only when dictation is on', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { composer: { dictation: { enabled: true } } })
  expect(await page.locator('xpertai-chatkit iframe').getAttribute('allow')).toBe('clipboard-write; microphone')
})

test('auto-height grows with the content up to maxHeight', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { layout: 'auto-height', maxHeight: 520 })
  // The container is 640 px tall, but the element now follows its content instead.
  await expect.poll(() => events(page, 'resize')).not.toHaveLength(0)
  // The frame may report a few sizes while its first layout settles (a second event can land
  // between two reads); the iframe must end up at the last reported height.
  const lastReported = async () => (await events(page, 'resize')).at(-1)!.detail!.height as number
  await expect.poll(async () => Math.abs((await iframeHeight(page)) - (await lastReported()))).toBeLessThanOrEqual(1)
  expect(await iframeHeight(page)).toBeLessThan(520)

  await method(page, 'sendUserMessage', { text: 'a long answer please' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect.poll(() => iframeHeight(page)).toBe(520)
  // The content is taller than the cap: the frame reported more, and scrolls inside.
  expect(Math.max(...(await events(page, 'resize')).map((e) => e.detail!.height as number))).toBeGreaterThan(520)
})

test('the launcher opens the chat from a corner button, Escape closes it and focus returns', async ({ page }) => {
  await openHost(page, PAGES.launcher)
  const button = page.getByRole('button', { name: 'Open support chat' })
  const panel = page.getByRole('dialog', { name: 'Chat' })
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await expect(panel).toBeHidden()

  // Keyboard only: tab to the button, Enter opens, the composer gets focus.
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(panel).toBeVisible()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expect.poll(() => events(page, 'ready')).toHaveLength(1)
  const input = chatFrame(page).locator('textarea[aria-label="Message"]')
  await expect(input).toBeFocused()

  // Escape inside the chat (a key the host page never sees) closes the panel.
  await input.press('Escape')
  await expect(panel).toBeHidden()
  await expect(button).toBeFocused()
  await expect(button).toHaveAttribute('aria-expanded', 'false')

  // The button sits in the bottom-right corner.
  const box = (await button.boundingBox())!
  const vp = page.viewportSize()!
  expect(vp.width - (box.x + box.width)).toBeLessThan(40)
  expect(vp.height - (box.y + box.height)).toBeLessThan(40)
})
