/**
 * Every host callback the frame calls, across the real bridge: a value makes the round trip, and a
 * callback that throws comes back as data: `chatkit.error` fires and nothing hangs.
 */
import { expect, test, type Page } from '@playwright/test'
import { behave, calls, chatFrame, events, frameOf, lastAnswer, method, openHost } from '../support/sdk-host.js'

const errorsMatching = async (page: Page, text: string) => (await events(page, 'error')).filter((e) => String(e.detail?.message).includes(text))

test('api.getClientSecret: the value authorizes the frame; a throw fails the send clearly', async ({ page }) => {
  const urls: string[] = []
  page.on('request', (r) => urls.push(r.url()))
  await openHost(page)
  await method(page, 'sendUserMessage', { text: 'hi' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  expect((await calls(page, 'api.getClientSecret')).length).toBeGreaterThanOrEqual(1)
  // The secret never travels in a URL, and the frame stores or shows it nowhere.
  expect(urls.filter((u) => u.includes('cs-x-'))).toEqual([])
  await expect(chatFrame(page).locator('body')).not.toContainText('cs-x-')
  expect(await frameOf(page).evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]))).not.toContain('cs-x-')

  // The object form: {secret, organizationId} — the organization goes along as a header. Set
  // before the page loads: the frame fetches its secret as soon as it is idle, before any send.
  await page.addInitScript(() => ((window as unknown as { __secretShape: string }).__secretShape = 'object'))
  await openHost(page)
  const run = page.waitForRequest((r) => r.url().endsWith('/runs/stream'))
  await method(page, 'sendUserMessage', { text: 'hi as an organization' })
  expect((await run).headers()['organization-id']).toBe('org-e2e')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')

  // A host that throws from the start: the frame's first ask (when idle, before any send) fails.
  await openHost(page, undefined, undefined, { 'api.getClientSecret': { error: 'no secret for you' } })
  await expect.poll(() => errorsMatching(page, 'no secret for you')).not.toHaveLength(0)
  await method(page, 'sendUserMessage', { text: 'hi again' })
  await expect.poll(() => errorsMatching(page, 'no secret for you')).not.toHaveLength(0)
  await expect(chatFrame(page).locator('[role="alert"]').filter({ hasText: 'no secret for you' }).first()).toBeVisible()
})

test('onClientTool: the value goes back to the run; a throw becomes an error tool result', async ({ page }) => {
  await openHost(page)
  await behave(page, 'onClientTool', { value: { content: { title: 'Host title 7f3a' }, status: 'success' } })
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && (r.postData() ?? '').includes('Host title 7f3a'))
  await method(page, 'sendUserMessage', { text: 'call the client tool' })
  await resumed
  expect((await calls(page, 'onClientTool'))[0].args[0]).toMatchObject({ name: 'get_host_info', params: { fields: ['title'] } })

  await openHost(page)
  await behave(page, 'onClientTool', { error: 'tool broke 81c2' })
  const failed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && (r.postData() ?? '').includes('tool broke 81c2'))
  await method(page, 'sendUserMessage', { text: 'call the client tool' })
  await failed
  await expect.poll(() => errorsMatching(page, 'tool broke 81c2')).not.toHaveLength(0)
})

test('widgets.onAction: the host gets the action and the widget; a throw fires chatkit.error', async ({ page }) => {
  await openHost(page)
  await method(page, 'sendUserMessage', { text: 'show a widget' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  const cancel = chatFrame(page).getByRole('button', { name: 'Cancel' })
  await cancel.click()
  await expect.poll(async () => (await calls(page, 'widgets.onAction')).length).toBe(1)
  const [action, item] = (await calls(page, 'widgets.onAction'))[0].args as [{ type: string }, { id: string; widget: { type: string } }]
  expect(action.type).toBe('demo.cancel')
  expect(item.widget.type).toBe('Card')

  await behave(page, 'widgets.onAction', { error: 'action broke 5d1e' })
  await cancel.click()
  await expect.poll(() => errorsMatching(page, 'action broke 5d1e')).not.toHaveLength(0)
})

test('header actions: clicks in the frame call the host; a throw fires chatkit.error', async ({ page }) => {
  await openHost(page)
  const buttons = chatFrame(page).locator('header button')
  await buttons.first().click()
  await expect.poll(async () => (await calls(page, 'header.leftAction.onClick')).length).toBe(1)
  await behave(page, 'header.rightAction.onClick', { error: 'right broke 0a9b' })
  await buttons.last().click()
  await expect.poll(async () => (await calls(page, 'header.rightAction.onClick')).length).toBe(1)
  await expect.poll(() => errorsMatching(page, 'right broke 0a9b')).not.toHaveLength(0)
})

test('entities.onTagSearch: results show as suggestions; a throw fires chatkit.error', async ({ page }) => {
  await openHost(page)
  await behave(page, 'entities.onTagSearch', { value: [{ id: 'e1', title: 'Alice Example' }] })
  const input = chatFrame(page).locator('textarea[aria-label="Message"]')
  await input.pressSequentially('@ali')
  await expect(chatFrame(page).getByText('Alice Example')).toBeVisible()
  expect((await calls(page, 'entities.onTagSearch')).map((c) => c.args[0])).toContain('ali')

  await behave(page, 'entities.onTagSearch', { error: 'search broke 3c4d' })
  await input.pressSequentially('x')
  await expect.poll(() => errorsMatching(page, 'search broke 3c4d')).not.toHaveLength(0)
})
