import { expect, test } from '@playwright/test'
import { ask, openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'

test('widget form submit reaches the host widgets.onAction with the form values (loading state while it runs)', async ({ page }) => {
  // The host's handler records each action and holds it until the test has seen the loading state.
  const actions: { action: unknown; id: string; type: string }[] = []
  let finish = () => {}
  const handled = new Promise<void>((r) => (finish = r))
  const onAction = async (action: unknown, item: { id: string; widget: { type: string } }) => {
    actions.push({ action, id: item.id, type: item.widget.type })
    await handled
  }
  const { frame } = await openHost(page, { at: E2E.extraPort(1), callbacks: { 'widgets.onAction': onAction } })
  await ask(frame, 'widget')
  const widget = frame.locator('.ck-widget')
  await expect(widget).toBeVisible()
  await widget.locator('input[name="email"]').fill('ada@example.com')
  await widget.locator('select[name="plan"]').selectOption({ index: 1 })
  const plan = await widget.locator('select[name="plan"]').inputValue()
  await widget.locator('input[name="agree"]').check()
  const subscribe = widget.getByRole('button', { name: /subscribe/i })
  let streams = 0
  page.on('request', (r) => void (r.url().endsWith('/runs/stream') && streams++))
  await subscribe.click()
  await expect(subscribe).toHaveAttribute('aria-busy', 'true')
  finish()
  await expect(subscribe).not.toHaveAttribute('aria-busy', 'true')
  expect(actions).toHaveLength(1)
  expect(actions[0]).toMatchObject({ action: { type: 'demo.subscribe', payload: { email: 'ada@example.com', plan, agree: true } }, type: 'Card' })
  expect(typeof actions[0].id).toBe('string')
  expect(streams).toBe(0) // the host handled it: nothing went to the server
})

test('without a host handler, a widget action runs on the server as a custom action', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(1) })
  await ask(frame, 'widget')
  const widget = frame.locator('.ck-widget')
  await widget.locator('input[name="email"]').fill('bob@example.com')
  const run = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.action)
  await widget.getByRole('button', { name: /cancel/i }).click()
  const body = (await run).postDataJSON()
  expect(body.input.action).toMatchObject({ action: { type: 'demo.cancel' }, itemId: expect.any(String) })
  const answer = frame.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toContainText('Received action demo.cancel')
  await expect(answer).toHaveAttribute('data-status', 'done')
})

test('an invalid widget is an inline error box; the thread goes on', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(1), options: { api: { xpertId: 'hostile' } } })
  await ask(frame, 'hello')
  const answer = frame.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(answer.locator('.ck-widget-error')).toContainText('unknown node type')
  await expect(answer).toContainText('Echo: hello')
  await ask(frame, 'again')
  await expect(frame.locator('article[data-message-role="assistant"]')).toHaveCount(2)
})
