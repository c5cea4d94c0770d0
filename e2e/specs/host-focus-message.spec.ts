/**
 * The host's `focusMessage` in real Chromium against the real server: it switches threads, loads
 * the older history page the message is on, scrolls to it, highlights and focuses it; and each
 * failure arrives in the host as its typed code.
 */
import type { Server } from 'node:http'
import { expect, test, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { aroundBrowser, openHost as openAroundHost } from '../support/around-host.js'
import { hostEvents, openHost, startHostPage } from '../support/host-page.js'
import { seedThread, storedMessages } from '../support/seed-thread.js'
import { closeServer } from '../support/static-server.js'

let server: Server | null = null
test.afterEach(async () => {
  if (server) await closeServer(server)
  server = null
})

/** Calls `focusMessage` in the host page: its result, or the rejection's code and message. */
const focus = (page: Page, target: unknown) =>
  page.evaluate(async (t) => {
    try {
      return { ok: await (window as any).__chatkit.focusMessage(t) }
    } catch (e) {
      return { code: (e as { code?: string }).code, message: String((e as Error).message) }
    }
  }, target)

const chatFrameOf = (page: Page) => page.frames().find((f) => f.url().includes('/chatkit/'))!

test('focusMessage opens another thread, loads the older page its message is on, scrolls, highlights and focuses it', async ({ page }) => {
  test.setTimeout(120_000)
  const host = await startHostPage(3, { xpertId: 'bench' })
  server = host.server
  const frame = await openHost(page, host.url)
  const secret: string = await page.evaluate(() => (window as any).__secret)
  const small = await seedThread(secret, 4)
  const long = await seedThread(secret, 240)
  // `question 2` (stored messages 4 and 5) is on the oldest page: the thread opens on its newest 100.
  const [question, answer] = await storedMessages(secret, long, 4, 2)
  expect(question.content).toBe('question 2')

  await page.evaluate((id) => (window as any).__chatkit.setThreadId(id), small)
  const articles = frame.locator('article[data-message-role]')
  await expect(articles.last()).toContainText('question 1')

  expect(await focus(page, { threadId: long, messageId: question.id })).toEqual({ ok: { success: true, status: 'opened' } })
  const target = frame.locator(`article[data-message-id="${question.id}"]`)
  await expect(target).toBeFocused()
  await expect(target).toHaveClass(/ck-target/)
  await expect(target).toBeInViewport()
  await expect(target).toContainText('question 2')
  // Only the pages up to the message were loaded (240 stored, the newest 100 plus the next 100).
  await expect(articles).toHaveCount(200)
  expect((await hostEvents(page)).filter((e) => e.name === 'thread.change').at(-1)?.detail).toEqual({ threadId: long })
  expect(await axeViolations(chatFrameOf(page)), 'a focused, highlighted message').toEqual([])

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
  const host = await startHostPage(3, { xpertId: 'bench' })
  server = host.server
  await openHost(page, host.url)
  const secret: string = await page.evaluate(() => (window as any).__secret)
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
      const settle = (p: Promise<unknown>) => p.then((ok) => ({ ok }), (e) => ({ code: e.code }))
      return Promise.all([settle(c.focusMessage(x)), settle(c.focusMessage(y))])
    },
    [{ threadId: b, messageId: inB.id }, { threadId: a, messageId: inA.id }],
  )
  expect(first).toEqual({ code: 'stale_context' })
  expect(second).toEqual({ ok: { success: true, status: 'opened' } })
})

test.describe('before the session works', () => {
  test.use(aroundBrowser)
  test('focusMessage rejects with not_ready while the host cannot give a client secret', async ({ page }) => {
    const host = await openAroundHost(page, {
      callbacks: {
        'api.getClientSecret': () => {
          throw new Error('the host has no session for you')
        },
      },
    })
    // The frame shows the failed session (a positive signal that it tried).
    await expect(host.frame.getByText('the host has no session for you').first()).toBeVisible()
    expect(await focus(page, { threadId: 'any', messageId: 'any' })).toMatchObject({ code: 'not_ready', message: expect.stringContaining('no session for you') })
  })
})
