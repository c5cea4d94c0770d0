/**
 * The host's `focusMessage` in real Chromium against the real server: it switches threads, loads
 * the older history page the message is on, scrolls to it, highlights and focuses it; and each
 * failure arrives in the host as its typed code.
 */
import { expect, test, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { aroundBrowser, frameOf, openHost, shownThreadId, waitForReady } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { seedThread, storedMessages } from '../support/seed-thread.js'

// The not_ready test's host page is served at an intercepted URL (see support/host.ts); the launch options are per file.
test.use(aroundBrowser)

/** Calls `focusMessage` in the host page: its result, or the rejection's code and message. */
const focus = (page: Page, target: unknown) =>
  page.evaluate(async (t) => {
    try {
      return { ok: await (window as any).__chatkit.focusMessage(t) }
    } catch (e) {
      return { code: (e as { code?: string }).code, message: String((e as Error).message) }
    }
  }, target)

test('focusMessage opens another thread, loads the older page its message is on, scrolls, highlights and focuses it', async ({ page }) => {
  test.setTimeout(120_000)
  const host = await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId: 'bench' } } })
  const frame = host.frame
  const secret = await host.secret()
  const small = await seedThread(secret, 4)
  const long = await seedThread(secret, 240)
  // `question 2` (stored messages 4 and 5) is on the oldest page: the thread opens on its newest 100.
  const [question, answer] = await storedMessages(secret, long, 4, 2)
  expect(question.content).toBe('question 2')

  await host.call('setThreadId', small)
  const articles = frame.locator('article[data-message-role]')
  await expect(articles.last()).toContainText('question 1')

  expect(await focus(page, { threadId: long, messageId: question.id })).toEqual({ ok: { success: true, status: 'opened' } })
  const target = frame.locator(`article[data-message-id="${question.id}"]`)
  await expect(target).toBeFocused()
  await expect(target).toHaveClass(/ck-target/)
  await expect(target).toBeInViewport()
  await expect(target).toContainText('question 2')
  // The older page it is on was loaded (the thread opened on its newest 100 of 240).
  expect(await articles.count()).toBeGreaterThanOrEqual(200)
  expect((await host.eventsNamed('thread.change')).at(-1)).toEqual({ threadId: long })
  expect(await axeViolations(frameOf(page)), 'a focused, highlighted message').toEqual([])

  // XpertAI's shape ({conversationId, threadId, messageId}) on the thread already shown.
  expect(await focus(page, { conversationId: long, threadId: long, messageId: answer.id })).toEqual({ ok: { success: true, status: 'opened' } })
  await expect(frame.locator(`article[data-message-id="${answer.id}"]`)).toBeFocused()
  // The highlight goes with the focus.
  await expect(target).not.toHaveClass(/ck-target/)

  // Keyboard: focus moved to the message, so Tab goes on from there (the answer's own actions).
  await page.keyboard.press('Tab')
  await expect(frame.locator(`article[data-message-id="${answer.id}"] button`).first()).toBeFocused()
})

test('focusMessage rejects with message_unavailable, thread_unavailable, stale_context and invalid_options', async ({ page }) => {
  test.setTimeout(60_000)
  const host = await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId: 'bench' } } })
  const secret = await host.secret()
  const a = await seedThread(secret, 2)
  const b = await seedThread(secret, 2)
  const [inA] = await storedMessages(secret, a, 0, 1)
  const [inB] = await storedMessages(secret, b, 0, 1)

  expect(await focus(page, { threadId: a, messageId: 'no-such-message' })).toMatchObject({ code: 'message_unavailable' })
  expect(await focus(page, { threadId: 'no-such-thread', messageId: inA.id })).toMatchObject({ code: 'thread_unavailable' })
  // A message of another thread is not on this one.
  expect(await focus(page, { threadId: a, messageId: inB.id })).toMatchObject({ code: 'message_unavailable' })
  expect(await focus(page, { threadId: a })).toMatchObject({ code: 'invalid_options', message: expect.stringContaining('messageId') })
  expect(await focus(page, { conversationId: a, threadId: b, messageId: inA.id })).toMatchObject({ code: 'stale_context' })

  // A second call while the first is still opening its thread supersedes it.
  const [first, second] = await page.evaluate(
    ([x, y]) => {
      const c = (window as any).__chatkit
      const settle = (p: Promise<unknown>) =>
        p.then(
          (ok) => ({ ok }),
          (e) => ({ code: e.code }),
        )
      return Promise.all([settle(c.focusMessage(x)), settle(c.focusMessage(y))])
    },
    [
      { threadId: b, messageId: inB.id },
      { threadId: a, messageId: inA.id },
    ],
  )
  expect(first).toEqual({ code: 'stale_context' })
  expect(second).toEqual({ ok: { success: true, status: 'opened' } })
})

test.describe('before the session works', () => {
  test('focusMessage rejects with not_ready while the host cannot give a client secret', async ({ page }) => {
    const host = await openHost(page, {
      callbacks: {
        'api.getClientSecret': () => {
          throw new Error('the host has no session for you')
        },
      },
    })
    // The frame shows the failed session (a positive signal that it tried).
    await expect(host.frame.getByText('the host has no session for you').first()).toBeVisible()
    expect(await focus(page, { threadId: 'any', messageId: 'any' })).toMatchObject({
      code: 'not_ready',
      message: expect.stringContaining('no session for you'),
    })
  })
})

for (const [locale, answered, unit] of [
  ['en', 'Answered in', /sec/],
  ['de', 'Beantwortet in', /Sek\./],
] as const) {
  test(`message times and answer durations show on hover and on focus (${locale}), live and after a reload`, async ({ page }) => {
    const host = await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId: 'bench' }, locale } })
    const frame = host.frame
    const input = frame.locator('textarea')
    await input.fill('question one')
    await input.press('Enter')
    const question = frame.locator('article[data-message-role="user"]').first()
    const answer = frame.locator('article[data-message-role="assistant"][data-status="done"]').first()
    await expect(answer).toBeVisible()
    // No time shows before a hover or a focus; it sits in the message's toolbar, so showing it moves nothing.
    await expect(frame.locator('.ck-time')).toHaveCount(0)
    const before = await answer.boundingBox()

    await question.hover()
    const asked = question.locator('.ck-time time')
    await expect(asked).toBeVisible()
    expect((await answer.boundingBox())?.y, 'the thread stays where it was').toBe(before?.y)
    // Today: just the time, in the locale's clock (12 h with AM/PM in English, 24 h in German).
    await expect(asked).toHaveText(locale === 'en' ? /^\d{1,2}:\d{2}\s?[AP]M$/ : /^\d{2}:\d{2}$/)
    expect(Date.parse((await asked.getAttribute('datetime'))!)).toBeGreaterThan(Date.now() - 120_000)
    expect(await asked.getAttribute('title')).toMatch(/\d{4}/)

    // The mouse leaves: hidden again (in place, so nothing jumps).
    await frame.locator('textarea').hover()
    await expect(asked).toBeHidden()

    // Keyboard: focus on the answer shows its time and how long it took.
    await answer.focus()
    await expect(answer.locator('.ck-time')).toBeVisible()
    await expect(answer.locator('.ck-took')).toHaveText(new RegExp(`${answered} [\\d.,]+\\s?${unit.source}`))
    // Shift+Tab goes back into the question (its last control, Edit), whose time shows; the answer's hides.
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => question.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true)
    await expect(asked).toBeVisible()
    await expect(answer.locator('.ck-time')).toBeHidden()
    expect(await axeViolations(frameOf(page)), 'a message with its time shown').toEqual([])

    // After a reload the stored times and duration show the same way.
    const threadId = await shownThreadId(page)
    await page.reload()
    await waitForReady(page)
    await host.call('setThreadId', threadId)
    const stored = frame.locator('article[data-message-role="assistant"]').first()
    await expect(stored).toContainText('question one')
    await stored.hover()
    await expect(stored.locator('.ck-took')).toHaveText(new RegExp(`${answered} [\\d.,]+\\s?${unit.source}`))
    await expect(stored.locator('.ck-time time')).toHaveText(locale === 'en' ? /^\d{1,2}:\d{2}\s?[AP]M$/ : /^\d{2}:\d{2}$/)
  })
}
