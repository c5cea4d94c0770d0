/**
 * `sendUserMessage` and `setComposerValue` with chatkit-types' fields, from a real host page: each
 * field reaches the run request or the composer; `text` is optional (content); partial composer
 * updates leave the other fields alone; unsupported fields are refused by name.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, lastAnswer, method, openHost } from '../support/sdk-host.js'

test('sendUserMessage fields shape the run; setComposerValue updates only what it is given', async ({ page }) => {
  await openHost(page, undefined, { composer: { tools: [{ id: 'search', label: 'Search', icon: 'globe', pinned: true }] } })
  const frame = chatFrame(page)
  const run = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/runs/stream'))
  expect(
    await method(page, 'sendUserMessage', {
      content: ['from content'],
      model: 'm-x',
      toolChoice: { id: 'search' },
      reply: 'an earlier answer',
      references: [{ type: 'code', text: 'let a = 1', path: 'a.ts', startLine: 1, endLine: 1 }],
      state: { plan: 'pro' },
    }),
  ).toEqual({ ok: true })
  const body = (await run).postDataJSON()
  expect(body.input.input).toMatchObject({
    input: 'from content',
    tool: 'search',
    references: [
      { type: 'quote', text: 'an earlier answer' },
      { type: 'code', path: 'a.ts' },
    ],
  })
  expect(body.input.state).toMatchObject({ plan: 'pro', human: { input: 'from content' } })
  expect(body.config.configurable.model).toBe('m-x')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  await expect(frame.locator('article[data-message-role="user"]')).toContainText('from content')

  const box = frame.getByRole('textbox', { name: 'Message' })
  await method(page, 'setComposerValue', { text: 'draft' })
  await method(page, 'setComposerValue', { selectedToolId: 'search' })
  await expect(box).toHaveValue('draft') // untouched by the partial update
  await expect(frame.locator('button[aria-pressed="true"]', { hasText: 'Search' })).toBeVisible()
  await expect.poll(() => events(page, 'tool.change')).toContainEqual({ name: 'tool.change', detail: { toolId: 'search' } })

  expect(await method(page, 'sendUserMessage', { text: 'x', planMode: true })).toMatchObject({
    ok: false,
    code: 'not_supported',
    message: expect.stringContaining('sendUserMessage.planMode'),
  })
  expect(await method(page, 'setComposerValue', { reply: 'x' })).toMatchObject({
    ok: false,
    code: 'not_supported',
    message: expect.stringContaining('setComposerValue.reply'),
  })
})
