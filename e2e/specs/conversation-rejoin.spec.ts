import { expect, test, type Page } from '@playwright/test'
import { answers, chatFrame } from '../support/host.js'
import { E2E } from '../support/ports.js'

/**
 * A reload while the demo agent's long answer streams: the demo page passes the saved thread as
 * `initialThread`, the frame sees that its newest answer is still being written and rejoins the
 * run's event stream — the answer keeps growing on the reloaded page, ends with exactly the text
 * the server stored (nothing twice, nothing missing), and Stop works on the rejoined run.
 */
async function openDemo(page: Page) {
  await page.goto(E2E.demo + '/')
  await expect(page.locator('#event-log li[data-event="chatkit.ready"]')).toHaveCount(1)
}

const lastAnswer = (page: Page) => answers(chatFrame(page)).last()

async function reloadMidAnswer(page: Page) {
  await openDemo(page)
  const input = chatFrame(page).locator('textarea[aria-label="Message"]')
  await input.fill('a long answer please')
  await input.press('Enter')
  const answer = lastAnswer(page)
  await expect(answer).toHaveAttribute('data-status', 'streaming')
  // Past the first save (about once a second) and still far from the end (~16 s of streaming).
  await expect(answer).toContainText('Paragraph 2 of the long answer')
  await page.reload()
  await expect(page.locator('#event-log li[data-event="chatkit.ready"]')).toHaveCount(1)
}

test('a reload mid-answer rejoins the run: the answer streams on and ends as the server stored it', async ({ page }) => {
  test.setTimeout(60_000)
  await reloadMidAnswer(page)
  const answer = lastAnswer(page)
  // Live again: streaming, with Stop, and growing past what was stored at the reload.
  await expect(answer).toHaveAttribute('data-status', 'streaming')
  await expect(chatFrame(page).locator('button[aria-label="Stop"]')).toBeVisible()
  await expect(answer).toContainText('Paragraph 12 of the long answer')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  const live = (await answer.textContent()) ?? ''
  expect(live.match(/Paragraph 1 of the long answer/g)).toHaveLength(1)
  expect(live.match(/Paragraph 2 of the long answer/g)).toHaveLength(1)
  // The finished answer as the server stored it (a fresh load) is the same text.
  await page.reload()
  const stored = lastAnswer(page)
  await expect(stored).toHaveAttribute('data-status', 'done')
  expect(await stored.textContent()).toBe(live)
  expect(await chatFrame(page).locator('article[data-message-role="assistant"]').count()).toBe(1)
})

test('Stop on a rejoined answer cancels the run; the stopped answer is the one the server kept', async ({ page }) => {
  await reloadMidAnswer(page)
  const answer = lastAnswer(page)
  await expect(answer).toHaveAttribute('data-status', 'streaming')
  await expect(answer).toContainText('Paragraph 3 of the long answer')
  const cancel = page.waitForRequest((r) => /\/runs\/[^/]+\/cancel$/.test(r.url()) && r.method() === 'POST')
  await chatFrame(page).locator('button[aria-label="Stop"]').click()
  await cancel
  await expect(answer).toHaveAttribute('data-status', 'cancelled')
  const kept = (await answer.textContent()) ?? ''
  expect(kept).not.toContain('Paragraph 30 of the long answer')
  await page.reload()
  const again = lastAnswer(page)
  await expect(again).toHaveAttribute('data-status', 'cancelled')
  expect(await again.textContent()).toBe(kept)
})
