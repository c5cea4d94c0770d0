import type { Server } from 'node:http'
import { expect, test } from '@playwright/test'
import { E2E } from '../support/ports.js'
import { openHost, startHostPage } from '../support/host-page.js'
import { closeServer } from '../support/static-server.js'

let server: Server | null = null
test.afterEach(async () => {
  if (server) await closeServer(server)
  server = null
})

/** A thread of `n` messages, seeded through the API with the no-delay bench agent. */
async function seedThread(secret: string, n: number): Promise<string> {
  const h = { authorization: `Bearer ${secret}`, 'x-api-key': secret, 'content-type': 'application/json' }
  const t = await (await fetch(`${E2E.api}/api/ai/threads`, { method: 'POST', headers: h, body: JSON.stringify({ assistant_id: 'bench' }) })).json()
  for (let i = 0; i < n / 2; i++) {
    const res = await fetch(`${E2E.api}/api/ai/threads/${t.thread_id}/runs/stream`, { method: 'POST', headers: h, body: JSON.stringify({ assistant_id: 'bench', input: { input: { input: `question ${i}` } } }) })
    if (res.status === 429) {
      // The server's per-secret rate limit: wait as told and send the same question again.
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000))
      i--
      continue
    }
    if (!res.ok) throw new Error(`seed ${i}: ${res.status}`)
    await res.text()
  }
  return t.thread_id
}

test('a 1,000-message thread opens on its newest page fast, offscreen messages skip rendering, older pages load on scroll-up in place', async ({ page }) => {
  test.setTimeout(180_000)
  const host = await startHostPage(5, { xpertId: 'bench' })
  server = host.server
  // The thread must belong to the page's user: seed it with the page's own secret.
  const frame = await openHost(page, host.url)
  const secret: string = await page.evaluate(() => (window as any).__secret)
  const threadId = await seedThread(secret, 1000)
  const started = Date.now()
  await page.evaluate((id) => (window as any).__chatkit.setThreadId(id), threadId)
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
