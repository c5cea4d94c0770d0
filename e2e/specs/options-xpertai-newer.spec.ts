/**
 * Options shaped like the newer XpertAI ChatKit (≥ 0.6), in a real cross-origin frame: the object
 * `layout {maxWidth}`, `messagePresentation.mode` and `startScreen.promptsLayout` change the page;
 * `threadItemActions.branch` (no branching here) is refused with a `chatkit.error` naming it.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, lastAnswer, method, openHost } from '../support/sdk-host.js'

test('layout {maxWidth}, messagePresentation bubbles, promptsLayout list apply; branch is refused by name', async ({ page }) => {
  await openHost(page, undefined, {
    layout: { maxWidth: 520 },
    messagePresentation: { mode: 'bubbles' },
    startScreen: { promptsLayout: 'list', prompts: [{ prompt: 'first prompt' }, { prompt: 'second prompt' }] },
    threadItemActions: { branch: true },
  })
  const frame = chatFrame(page)
  await expect.poll(() => events(page, 'error')).toContainEqual({ type: 'error', detail: { code: 'not_supported', message: expect.stringContaining('threadItemActions.branch') } })
  // No invalid option: the object layout is accepted.
  expect((await events(page, 'error')).filter((e) => e.detail?.code === 'invalid_options')).toEqual([])

  const [first, second] = [frame.getByRole('button', { name: 'first prompt' }), frame.getByRole('button', { name: 'second prompt' })]
  const [a, b] = [await first.boundingBox(), await second.boundingBox()]
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height) // one prompt per row
  expect(b!.x).toBe(a!.x)

  await method(page, 'sendUserMessage', { text: 'hello' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  const column = await frame.locator('.ck-scroll-content').evaluate((el) => getComputedStyle(el).maxWidth)
  expect(column).toBe('520px')
  // bubbles: the answer has a bubble background and does not stretch across the column.
  const answer = await lastAnswer(page).evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, self: getComputedStyle(el).alignSelf }))
  expect(answer.self).toBe('flex-start')
  expect(answer.bg).not.toBe('rgba(0, 0, 0, 0)')
})
