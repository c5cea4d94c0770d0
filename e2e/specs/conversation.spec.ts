import { expect, test, type Page } from '@playwright/test'
import { chatFrame, frameOf } from '../support/host.js'
import { E2E } from '../support/ports.js'

/** The chat frame inside `<xpertai-chatkit>`'s shadow root (Playwright pierces open shadow roots). */

const eventLog = (page: Page) => page.locator('#event-log li')

async function openDemo(page: Page) {
  await page.goto(E2E.demo + '/')
  await expect(page.locator('#event-log li[data-event="chatkit.ready"]')).toHaveCount(1)
}

test('a first conversation streams across two origins and survives a reload', async ({ page }) => {
  await openDemo(page)

  const frame = chatFrame(page)
  // The frame really is another origin: the host page cannot reach into it.
  const iframeSrc = await page.locator('xpertai-chatkit iframe').getAttribute('src')
  expect(new URL(iframeSrc!).origin).toBe(E2E.api)
  expect(new URL(iframeSrc!).origin).not.toBe(new URL(page.url()).origin)
  expect(await page.locator('xpertai-chatkit iframe').getAttribute('sandbox')).toContain('allow-scripts')

  // Record, inside the frame, every distinct text the answer shows while it streams (a poll from
  // here would miss states on a busy machine: a round trip can outlast the whole answer).
  const frameHandle = frameOf(page)
  await frameHandle.evaluate(() => {
    const w = window as unknown as { __seen: string[] }
    w.__seen = []
    new MutationObserver(() => {
      const a = [...document.querySelectorAll('article[data-message-role="assistant"]')].at(-1)
      const text = a?.textContent ?? ''
      if (a?.getAttribute('data-status') === 'streaming' && text.trim() && text !== w.__seen.at(-1)) w.__seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })

  const input = frame.locator('textarea[aria-label="Message"]')
  await input.fill('Tell me about streaming')
  await input.press('Enter')

  const user = frame.locator('article[data-message-role="user"]').last()
  await expect(user).toContainText('Tell me about streaming')

  const answer = frame.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toBeVisible()
  await expect(answer).toHaveAttribute('data-status', 'done')
  // The suggestion chips under the last answer are a lazy chunk: read the text once they are in.
  await expect(answer.locator('.ck-suggestions')).toBeVisible()
  // textContent: offscreen parts of a long answer skip rendering (content-visibility), and innerText
  // only sees rendered text.
  const final = (await answer.textContent()) ?? ''
  const seen = await frameHandle.evaluate(() => (window as unknown as { __seen: string[] }).__seen)
  expect(seen.length, `intermediate states seen: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(2)
  // The first state seen was a real partial answer, and the states differ (it grew in parts).
  // (Lengths of partial renders are not monotonic: an unclosed `**` shows as text until it closes.)
  expect(seen[0].length).toBeLessThan(final.length * 0.9)
  expect(new Set(seen).size).toBe(seen.length)
  expect(final).toContain('streaming')

  // Markdown arrived as elements, not as text.
  expect(await answer.locator('li').count()).toBeGreaterThan(0)
  expect(await answer.locator('pre code').count()).toBeGreaterThan(0)

  // The host page's handlers got the events.
  const events = await eventLog(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))
  expect(events).toContain('chatkit.response.start')
  expect(events).toContain('chatkit.response.end')
  expect(events).toContain('chatkit.thread.change')
  expect(events.indexOf('chatkit.response.start')).toBeLessThan(events.indexOf('chatkit.response.end'))

  // Reload: the demo passes the saved thread as initialThread and the frame restores it.
  await page.reload()
  await expect(page.locator('#event-log li[data-event="chatkit.ready"]')).toHaveCount(1)
  const restored = chatFrame(page)
  await expect(restored.locator('article[data-message-role="user"]').last()).toContainText('Tell me about streaming')
  const restoredAnswer = restored.locator('article[data-message-role="assistant"]').last()
  await expect(restoredAnswer).toHaveAttribute('data-status', 'done')
  await expect(restoredAnswer.locator('.ck-suggestions')).toBeVisible()
  expect(await restoredAnswer.textContent()).toBe(final)
})

test('Shift+Enter adds a newline and the stop button cancels a streaming answer', async ({ page }) => {
  await openDemo(page)
  const frame = chatFrame(page)
  const input = frame.locator('textarea[aria-label="Message"]')
  await input.fill('a long answer please, first line')
  await input.press('Shift+Enter')
  await input.pressSequentially('second line')
  await expect(input).toHaveValue('a long answer please, first line\nsecond line')
  await expect(frame.locator('article[data-message-role="user"]')).toHaveCount(0)

  await input.press('Enter')
  const answer = frame.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-status', 'streaming')
  const stop = frame.locator('button[aria-label="Stop"]')
  await expect(stop).toBeVisible()
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
  await expect.poll(async () => (await answer.innerText()).length).toBeGreaterThan(10)
  await stop.click()
  await expect(answer).toHaveAttribute('data-status', 'cancelled')
  await expect(stop).toBeHidden()
  await expect(page.locator('#event-log li[data-event="chatkit.response.end"]')).not.toHaveCount(0)

  // The partial answer is kept on the server too.
  const kept = (await answer.textContent()) ?? ''
  await page.reload()
  const again = chatFrame(page).locator('article[data-message-role="assistant"]').last()
  await expect(again).toHaveAttribute('data-status', 'cancelled')
  expect(kept.length).toBeGreaterThan(0)
  expect(await again.textContent()).toBe(kept)
})
