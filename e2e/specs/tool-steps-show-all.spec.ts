/**
 * "Show all" on a long group of tool steps, by keyboard: the earlier steps are added a chunk per
 * frame while the button says it is busy; when the last chunk is in, the button is gone and focus
 * is on the first step (not lost to the page), which opens with Enter; every axe rule passes with
 * the whole list shown, and with a step open.
 */
import { expect, test } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { ask, frameOf, openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'

const STEPS = 600

test('Show all by keyboard: every step shown, focus on the first, no axe violation', async ({ page }) => {
  const { frame: chat } = await openHost(page, { at: E2E.extraPort(0), options: { api: { xpertId: 'hostile-output' } } })
  const frame = frameOf(page)
  await ask(chat, `steps ${STEPS}`)
  const answer = chat.locator('article[data-message-role="assistant"]').first()
  await expect(answer).toHaveAttribute('data-status', 'done')
  await expect(answer.locator('.ck-step')).toHaveCount(20)
  const more = answer.locator('.ck-steps-more')
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(answer.locator('.ck-step')).toHaveCount(STEPS)
  await expect(more).toHaveCount(0)
  const first = answer.locator('.ck-step').first()
  await expect(first).toHaveAttribute('data-tool-id', 'step-0')
  await expect(first.locator('summary')).toBeFocused()
  expect(await axeViolations(frame)).toEqual([])
  await page.keyboard.press('Enter')
  await expect(first.locator(':scope > details')).toHaveAttribute('open', '')
  await expect(first.locator('.ck-step-body')).toBeVisible()
  expect(await axeViolations(frame)).toEqual([])
})
