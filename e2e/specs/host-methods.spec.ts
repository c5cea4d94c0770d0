/**
 * Every method of the host SDK, called on a real cross-origin embed, observed inside the frame.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, frameOf, lastAnswer, method, openHost, PAGES } from '../support/sdk-host.js'

test('focusComposer and setComposerValue act on the composer inside the frame', async ({ page }) => {
  await openHost(page)
  const input = chatFrame(page).locator('textarea[aria-label="Message"]')
  expect(await method(page, 'setComposerValue', { text: 'drafted by the host' })).toEqual({ ok: true })
  await expect(input).toHaveValue('drafted by the host')
  expect(await method(page, 'focusComposer')).toEqual({ ok: true })
  await expect(input).toBeFocused()
})

test('sendUserMessage sends, stop cancels in-band, and both show inside the frame', async ({ page }) => {
  await openHost(page)
  expect(await method(page, 'sendUserMessage', { text: 'hello from the host' })).toEqual({ ok: true })
  await expect(chatFrame(page).locator('article[data-message-role="user"]').last()).toContainText('hello from the host')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')

  expect(await method(page, 'sendUserMessage', { text: 'a long answer please' })).toEqual({ ok: true })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming')
  expect(await method(page, 'stop')).toEqual({ ok: true })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'cancelled')
  await expect.poll(() => events(page, 'response.stop')).toHaveLength(1)
})

test('setThreadId switches to a new thread and back; fetchUpdates reloads the thread from the server', async ({ page }) => {
  await openHost(page)
  await method(page, 'sendUserMessage', { text: 'remember this thread' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  const threadId = (await events(page, 'thread.change'))[0].detail!.threadId as string
  expect(threadId).toBeTruthy()

  expect(await method(page, 'setThreadId', null)).toEqual({ ok: true })
  await expect(chatFrame(page).locator('article')).toHaveCount(0)
  expect(await method(page, 'setThreadId', threadId)).toEqual({ ok: true })
  await expect(chatFrame(page).locator('article[data-message-role="user"]')).toContainText('remember this thread')
  expect(await events(page, 'thread.load.end')).toContainEqual({ name: 'thread.load.end', detail: { threadId } })

  const refresh = page.waitForRequest((r) => r.url().includes(`/conversations/${threadId}/messages`))
  expect(await method(page, 'fetchUpdates')).toEqual({ ok: true })
  await refresh
})

test('sendCustomAction sends a run request with input.action', async ({ page }) => {
  await openHost(page)
  await method(page, 'sendUserMessage', { text: 'hi' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  const run = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/runs/stream') && (r.postData() ?? '').includes('"action"'))
  expect(await method(page, 'sendCustomAction', { type: 'demo.ping', payload: { n: 1 } }, 'item-1')).toEqual({ ok: true })
  const body = JSON.parse((await run).postData()!)
  expect(body.input.action).toEqual({ action: { type: 'demo.ping', payload: { n: 1 } }, itemId: 'item-1' })
  // A malformed action is refused by the frame with a clear reason.
  expect(await method(page, 'sendCustomAction', { payload: {} })).toMatchObject({
    ok: false,
    code: 'invalid_options',
    message: expect.stringContaining('sendCustomAction'),
  })
})

test('showHistory and hideHistory open and close the history panel inside the frame', async ({ page }) => {
  await openHost(page)
  const toggle = chatFrame(page).locator('button[aria-expanded]').first()
  expect(await method(page, 'showHistory')).toEqual({ ok: true })
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  expect(await method(page, 'hideHistory')).toEqual({ ok: true })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  expect((await events(page)).filter((e) => e.name.startsWith('history.')).map((e) => e.name)).toEqual(['history.open', 'history.close'])
})

test('setOptions changes the theme without reloading the frame document', async ({ page }) => {
  await openHost(page)
  const frame = frameOf(page)
  await frame.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42))
  expect(await frame.evaluate(() => document.documentElement.dataset.colorScheme)).toBe('light')
  const result = await page.evaluate(() => {
    const w = window as unknown as { chat: { setOptions(o: unknown): Promise<void> }; options: Record<string, unknown> }
    return w.chat.setOptions({ ...w.options, theme: { colorScheme: 'dark', radius: 'sharp' } }).then(() => 'ok')
  })
  expect(result).toBe('ok')
  await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.colorScheme)).toBe('dark')
  expect(await frame.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42)
  expect(await events(page, 'ready')).toHaveLength(1)
})

test('destroy removes the frame; later calls reject with a clear error', async ({ page }) => {
  await openHost(page)
  expect(await method(page, 'destroy')).toEqual({ ok: true })
  await expect(page.locator('xpertai-chatkit iframe')).toHaveCount(0)
  expect(await method(page, 'focusComposer')).toMatchObject({ ok: false, code: 'destroyed', message: expect.stringContaining('focusComposer') })
})

test('calls made before the frame is ready are queued and run after the handshake', async ({ page }) => {
  // The SDK queues from the first call: send right after createChatKit, before any handshake.
  await page.route('**/test-host.js', async (route) => {
    const res = await route.fetch()
    const body = (await res.text()).replace(
      /window\.chat = createChatKit\(\{ element, \.\.\.options \}\)/,
      (m) => `${m}\nwindow.__queued = window.chat.sendUserMessage({ text: 'queued before ready' })`,
    )
    await route.fulfill({ response: res, body })
  })
  await openHost(page, PAGES.vanilla)
  await expect(chatFrame(page).locator('article[data-message-role="user"]')).toContainText('queued before ready')
})
