/**
 * An Arabic UI (`locale: 'ar'`, right to left): code in answers stays left to right (the quote of
 * `const question = "…"` stays at its end), and each message block takes its own text's direction.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, lastAnswer, method, openHost } from '../support/sdk-host.js'

test('rtl locale: code blocks are ltr; Latin and Arabic messages each get their own direction', async ({ page }) => {
  await openHost(page, undefined, { locale: 'ar' })
  const frame = chatFrame(page)
  await expect(frame.locator('html')).toHaveAttribute('dir', 'rtl')
  await method(page, 'sendUserMessage', { text: 'widget please' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  const code = lastAnswer(page).locator('pre.ck-md-code').first()
  await expect(code).toContainText('const question = "widget please"')
  expect(await code.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr')
  const direction = (sel: string) =>
    frame
      .locator(sel)
      .last()
      .evaluate((el) => getComputedStyle(el).direction)
  expect(await direction('article[data-message-role="user"] .ck-user-text')).toBe('ltr')
  await method(page, 'sendUserMessage', { text: 'مرحبا بالعالم' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  expect(await direction('article[data-message-role="user"] .ck-user-text')).toBe('rtl')
})
