import { expect, test } from '@playwright/test'
import { openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { seedThread } from '../support/seed-thread.js'

test('a 1,000-message thread opens on its newest page fast, offscreen messages skip rendering, older pages load on scroll-up in place', async ({ page }) => {
  test.setTimeout(180_000)
  // 560×760: the viewport the scroll-anchor bounds below are measured for.
  const host = await openHost(page, { at: E2E.extraPort(5), size: { width: '560px', height: '760px' }, options: { api: { xpertId: 'bench' } } })
  // The thread must belong to the page's user: seed it with a secret for that user.
  const threadId = await seedThread(await host.secret(), 1000)
  const frame = host.frame
  const started = Date.now()
  await host.call('setThreadId', threadId)
  const articles = frame.locator('article[data-message-role]')
  await expect(articles.last()).toContainText('question 499')
  const openMs = Date.now() - started
  expect(openMs).toBeLessThan(3000) // generous for CI; the benchmark reports the real number
  const first = await articles.count()
  expect(first).toBe(100)
  expect(await articles.first().evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('auto')

  // Scroll to the top: the previous page is prepended and what was on screen stays in place.
  const scroller = frame.locator('.ck-scroll')
  const anchorId = await articles.first().getAttribute('data-message-id')
  await scroller.evaluate((el) => (el.scrollTop = 0))
  await expect(articles).toHaveCount(200)
  const anchor = frame.locator(`article[data-message-id="${anchorId}"]`)
  const box = await anchor.boundingBox()
  const view = await scroller.boundingBox()
  expect(box!.y).toBeGreaterThan(view!.y - box!.height - 50) // still near the top of the viewport, not pushed 100 messages down
  expect(box!.y).toBeLessThan(view!.y + view!.height)
  // Each scroll to the top loads the next older page; poll until all of them are there.
  await expect(async () => {
    await scroller.evaluate((el) => (el.scrollTop = 0))
    await expect(articles).toHaveCount(1000, { timeout: 300 })
  }).toPass({ timeout: 30_000 })
  await expect(articles.first()).toContainText('question 0')
  await expect(frame.locator('.ck-older')).toHaveCount(0)
})
