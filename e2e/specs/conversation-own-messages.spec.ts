/**
 * A user's own messages show what they were sent with (issue 15 items 7 and 3): image thumbnails
 * (bytes through the authorized file route, shown as blob: URLs) that open in the gallery viewer,
 * other files as name + size that download, @-mention chips, live and after a reload; and "Ask
 * about this" on selected answer text puts a quote in the composer that reaches the agent
 * (an agent that echoes its input, on the spec's own server).
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { freePort } from '../../scripts/services.mjs'
import { answers, ask, aroundBrowser, openHost, shownThreadId, waitForReady, type Host } from '../support/host.js'
import { axeViolations } from '../support/axe.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'

test.use(aroundBrowser)

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const attachments = { enabled: true, maxCount: 3, accept: { 'image/*': ['.png'], 'text/plain': ['.txt'] } }
const people = [{ id: 'u-ada', title: 'Ada Lovelace' }]

test('own message: thumbnails, files and mention chips, live and after a reload; the image opens, the file downloads', async ({ page }) => {
  const host = await openHost(page, {
    options: { theme: { colorScheme: 'light' }, composer: { attachments } },
    callbacks: { 'entities.onTagSearch': () => people },
  })
  const f = host.frame
  await f.locator('input[type="file"]').setInputFiles([
    { name: 'cat.png', mimeType: 'image/png', buffer: PNG },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
  ])
  const tray = f.getByRole('list', { name: 'Attachments' })
  await expect(tray.locator('[data-status="done"]')).toHaveCount(2)
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.pressSequentially('Look @')
  await f.getByRole('listbox', { name: 'Mentions' }).getByRole('option', { name: 'Ada Lovelace' }).click()
  await input.pressSequentially('at these')
  await input.press('Enter')

  const own = f.locator('article[data-message-role="user"]').last()
  // Live, the file's size is not known (the run request names id, name and type); stored, it is.
  const check = async (size: RegExp) => {
    await expect(own.getByRole('list', { name: 'Mentions in this message' }).getByRole('listitem')).toHaveText(['@Ada Lovelace'])
    const thumb = own.getByRole('button', { name: 'Open image 1 of 1: cat.png' })
    await expect(thumb.locator('img')).toHaveAttribute('src', /^blob:/)
    // The gallery's images load lazily: bring it into view (after a reload the thread shows its end).
    await thumb.scrollIntoViewIfNeeded()
    await expect.poll(() => thumb.locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1)
    await expect(own.getByRole('button', { name: size })).toBeVisible()
  }
  await check(/^Download notes\.txt$/)
  await expect(f.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  expect(await axeViolations(await host.rawFrame())).toEqual([])

  // After a reload the stored message carries them too.
  const threadId = await shownThreadId(page)
  await page.reload()
  await waitForReady(page)
  await host.call('setThreadId', threadId)
  await expect(f.locator('article[data-message-role="user"]')).toHaveCount(1)
  await check(/^Download notes\.txt, 5\sbyte$/)

  // The image opens in the viewer (keyboard), the file downloads with its bytes.
  await own.getByRole('button', { name: 'Open image 1 of 1: cat.png' }).press('Enter')
  const viewer = f.getByRole('dialog', { name: 'Image 1 of 1' })
  await expect(viewer.locator('img')).toHaveAttribute('src', /^blob:/)
  expect(await axeViolations(await host.rawFrame())).toEqual([])
  await page.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)
  const download = page.waitForEvent('download')
  await own.getByRole('button', { name: /^Download notes\.txt/ }).click()
  const d = await download
  expect(d.suggestedFilename()).toBe('notes.txt')
  expect(readFileSync(await d.path()).toString()).toBe('hello')
})

test.describe('Ask about this', () => {
  let own: OwnServer
  let h: Host | null = null
  let hostPort = 0
  test.beforeAll(async () => {
    hostPort = await freePort()
    own = await startOwnServer({
      port: await freePort(),
      allowedOrigins: [`http://127.0.0.1:${hostPort}`],
      env: { CHATKIT_AGENT: 'e2e/agents/echo-input.mjs' },
    })
  })
  test.afterAll(async () => own?.dispose())
  test.afterEach(async () => {
    await h?.close()
    h = null
  })

  test('selected answer text → a quote in the composer (mouse and keyboard) → a quote reference the agent receives', async ({ page }) => {
    h = await openHost(page, { at: hostPort, server: own.origin })
    await ask(h.frame, 'tell me about penguins')
    const first = answers(h.frame).first()
    await expect(first).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    const para = first.locator('p', { hasText: 'Echo: tell me about penguins' })

    // Mouse: drag across the paragraph.
    const box = (await para.boundingBox())!
    await page.mouse.move(box.x + 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 })
    await page.mouse.up()
    const askButton = h.frame.getByRole('button', { name: 'Ask about this' })
    await expect(askButton).toBeVisible()
    const frame = await h.rawFrame()
    expect(await axeViolations(frame)).toEqual([])
    await askButton.click()
    const chip = h.frame.getByRole('group', { name: 'Quoted text' })
    await expect(chip).toContainText('Echo: tell me about penguins')
    await expect(h.frame.getByRole('textbox', { name: 'Message' })).toBeFocused()
    expect(await axeViolations(frame)).toEqual([])
    // Removing it clears it; keyboard: select, Tab to the button, Enter.
    await chip.getByRole('button', { name: 'Remove quote' }).click()
    await expect(chip).toHaveCount(0)
    await para.evaluate((el) => {
      const r = document.createRange()
      r.selectNodeContents(el)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(r)
    })
    await expect(askButton).toBeVisible()
    await page.keyboard.press('Tab')
    await expect(askButton).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(chip).toContainText('Echo: tell me about penguins')

    await ask(h.frame, 'what does this mean?')
    await expect(chip).toHaveCount(0)
    const second = answers(h.frame).nth(1)
    await expect(second).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(second).toContainText('Echo: what does this mean?')
    await expect(second).toContainText('References: [{"type":"quote","text":"Echo: tell me about penguins"}]')
    // The question shows its quote.
    await expect(h.frame.locator('article[data-message-role="user"]').last().locator('blockquote')).toHaveText('Echo: tell me about penguins')
  })
})
