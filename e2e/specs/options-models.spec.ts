/**
 * `composer.models`: the selected model reaches every run, not only typed messages — start-screen
 * prompts, host `sendUserMessage`, and a message typed while an answer streams, which is queued
 * (not refused) and sent with the model selected when it goes out.
 */
import { expect, test } from '@playwright/test'
import { chatFrame, events, lastAnswer, method, openHost } from '../support/sdk-host.js'

test('every run carries the selected model; a message typed while streaming is queued with models configured', async ({ page }) => {
  const runs: { text: string; model: unknown }[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/runs/stream')) {
      const body = r.postDataJSON()
      runs.push({ text: body?.input?.input?.input, model: body?.config?.configurable?.model })
    }
  })
  await openHost(page, undefined, {
    composer: {
      models: [
        { id: 'small', label: 'Small model' },
        { id: 'large', label: 'Large model', default: true },
      ],
    },
    startScreen: { prompts: [{ label: 'Long one', prompt: 'long please' }] },
  })
  const frame = chatFrame(page)

  // A start-screen prompt: the default model.
  await frame.getByRole('button', { name: 'Long one' }).click()
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming')
  // Typed while it streams: queued, visibly, not refused.
  const box = frame.getByRole('textbox', { name: 'Message' })
  await box.fill('queued follow-up')
  await box.press('Enter')
  await expect(frame.locator('[data-queued="true"]')).toHaveCount(1)
  await expect(box).toHaveValue('')
  // The model chosen before it goes out is the one it carries.
  await frame.getByRole('combobox', { name: 'Model' }).selectOption('small')
  await frame.getByRole('button', { name: 'Stop' }).click()
  await expect(frame.locator('[data-queued="true"]')).toHaveCount(0, { timeout: 60_000 })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })

  // A host send: the selected model too.
  await method(page, 'sendUserMessage', { text: 'from the host' })
  await expect.poll(() => runs.length).toBe(3)
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  expect(runs).toEqual([
    { text: 'long please', model: 'large' },
    { text: 'queued follow-up', model: 'small' },
    { text: 'from the host', model: 'small' },
  ])
  expect((await events(page, 'error')).map((e) => e.detail?.message)).toEqual([])
})
