import { expect, test } from '@playwright/test'
import { ask, openHost, pageEvents } from '../support/host.js'
import { E2E } from '../support/ports.js'

const allActions = { threadItemActions: { feedback: true, retry: true, share: true } }

test('copy, feedback (reaches the server, shows selected), share (host log event), retry (retry:true, answer replaced)', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const { frame } = await openHost(page, { at: E2E.extraPort(2), options: allActions })
  await ask(frame, 'hello there')
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
  const text = await answer.locator('.ck-md').first().innerText()

  // Copy
  await answer.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(answer.getByRole('button', { name: 'Copy', exact: true })).toHaveText('Copied')
  // The frame may only write the clipboard; the test reads it from the top page.
  const clip = await page.evaluate(() => navigator.clipboard.readText())
  expect(clip.length).toBeGreaterThan(20)
  expect(text.replace(/\s+/g, ' ')).toContain(
    clip
      .split('\n')[0]
      .replace(/[*`_#]/g, '')
      .trim()
      .slice(0, 15),
  )

  // Feedback
  const fb = page.waitForResponse((r) => r.url().includes('/feedbacks') && r.request().method() === 'POST')
  await answer.getByRole('button', { name: 'Good answer' }).click()
  const res = await fb
  expect(res.status()).toBeLessThan(300)
  expect(res.request().postDataJSON()).toEqual({ rating: 'like' })
  await expect(answer.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true')
  // The rating comes back with the thread from the server.
  const reloaded = page.waitForResponse((r) => /\/conversations\/[^/]+\/messages/.test(r.url()) && r.request().method() === 'GET')
  await page.evaluate(() => (window as any).__chatkit.fetchUpdates())
  await reloaded
  await expect(answer.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true')

  // Share
  await answer.getByRole('button', { name: 'Share' }).click()
  await expect
    .poll(async () => (await pageEvents(page)).find((e) => e.name === 'log' && e.detail?.name === 'message.share')?.detail.data)
    .toMatchObject({
      threadId: expect.any(String),
      itemIds: [expect.any(String)],
      content: expect.stringContaining(clip.slice(0, 30)),
    })

  // Retry
  const firstId = await answer.getAttribute('data-message-id')
  const retry = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && r.postDataJSON()?.retry === true)
  await answer.getByRole('button', { name: 'Retry' }).click()
  await retry
  await expect(frame.locator('article[data-message-role="assistant"]')).toHaveCount(1)
  await expect(frame.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  expect(await frame.locator('article[data-message-role="assistant"]').getAttribute('data-message-id')).not.toBe(firstId)
  await expect(frame.locator('article[data-message-role="user"]')).toHaveCount(1)
})

test('a failed run shows the error and a retry button, even without threadItemActions.retry', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(2) })
  await ask(frame, 'fail')
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await expect(answer.locator('.ck-error')).toBeVisible()
  await expect(answer.getByRole('button', { name: 'Feedback' })).toHaveCount(0)
  const retry = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && r.postDataJSON()?.retry === true)
  await answer.getByRole('button', { name: 'Retry' }).click()
  await retry
})

test('messages typed while an answer streams are queued, visibly, and sent in order; stop works', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(2) })
  await ask(frame, 'long')
  await expect(frame.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'streaming')
  await ask(frame, 'first follow-up')
  await ask(frame, 'second follow-up')
  const queued = frame.locator('[data-queued="true"]')
  await expect(queued).toHaveCount(2)
  await expect(queued.first()).toContainText('Queued')
  const sent: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/runs/stream')) sent.push(r.postDataJSON()?.input?.input?.input)
  })
  await frame.getByRole('button', { name: 'Stop' }).click()
  await expect(frame.locator('article[data-message-role="user"]')).toHaveCount(3, { timeout: 60_000 })
  await expect(frame.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(queued).toHaveCount(0)
  expect(sent).toEqual(['first follow-up', 'second follow-up'])
  await expect(frame.locator('article[data-message-role="assistant"]').first()).toHaveAttribute('data-status', 'cancelled')
})
