/**
 * Options shaped like the newer XpertAI ChatKit (≥ 0.6), in a real cross-origin frame: the object
 * `layout {maxWidth}`, `messagePresentation.mode` and `startScreen.promptsLayout` change the page;
 * `threadItemActions.branch` is accepted and shows "Branch in new chat" on the answer (its effect:
 * conversation-branches.spec.ts).
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, lastAnswer, method, openHost } from '../support/sdk-host.js'

test('layout {maxWidth}, messagePresentation bubbles, promptsLayout list apply; branch shows its action', async ({ page }) => {
  await openHost(page, undefined, {
    layout: { maxWidth: 520 },
    messagePresentation: { mode: 'bubbles' },
    startScreen: { promptsLayout: 'list', prompts: [{ prompt: 'first prompt' }, { prompt: 'second prompt' }] },
    threadItemActions: { branch: true },
  })
  const frame = chatFrame(page)

  const [first, second] = [frame.getByRole('button', { name: 'first prompt' }), frame.getByRole('button', { name: 'second prompt' })]
  const [a, b] = [await first.boundingBox(), await second.boundingBox()]
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height) // one prompt per row
  expect(b!.x).toBe(a!.x)

  await method(page, 'sendUserMessage', { text: 'hello' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  await expect(lastAnswer(page).getByRole('button', { name: 'Branch in new chat' })).toBeVisible()
  // No option issue at all: the object layout and threadItemActions.branch are accepted.
  expect((await events(page, 'error')).filter((e) => e.detail?.code === 'invalid_options' || e.detail?.code === 'not_supported')).toEqual([])
  const column = await frame.locator('.ck-scroll-content').evaluate((el) => getComputedStyle(el).maxWidth)
  expect(column).toBe('520px')
  // bubbles: the answer has a bubble background and does not stretch across the column.
  const answer = await lastAnswer(page).evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, self: getComputedStyle(el).alignSelf }))
  expect(answer.self).toBe('flex-start')
  expect(answer.bg).not.toBe('rgba(0, 0, 0, 0)')
})
