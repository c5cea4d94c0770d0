import { expect, test } from '@playwright/test'
import { apiCall } from '../support/api-call.js'
import { aroundBrowser, openHost, type Host } from '../support/host.js'
import { mintSecret } from '../support/secrets.js'

test.use(aroundBrowser)

async function askAndWait(host: Host, text: string, newThread = false): Promise<string> {
  const before = (await host.eventsNamed('thread.change')).length
  await host.call('sendUserMessage', { text, newThread })
  await expect(host.frame.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect.poll(async () => (await host.eventsNamed('thread.change')).length).toBeGreaterThan(before)
  return (await host.eventsNamed('thread.change')).at(-1).threadId
}

test('history: newest first, infinite scroll, relative dates, server search, Escape closes', async ({ page }) => {
  const user = `hist-${Date.now()}`
  const secret = await mintSecret(user)
  for (let i = 0; i < 24; i++) {
    const t = await apiCall(secret, 'POST', '/threads', { assistant_id: 'demo' })
    expect(t.status).toBe(200)
    await apiCall(secret, 'PATCH', `/conversations/${t.body.thread_id}`, { title: `Topic ${i}` })
  }
  const host = await openHost(page, { user })
  const f = host.frame
  await host.call('showHistory')
  const panel = f.getByRole('region', { name: 'History' })
  await expect(panel).toBeVisible()
  await expect.poll(() => host.eventsNamed('history.open')).toHaveLength(1)
  const rows = panel.locator('.ck-history-item-title')
  await expect(rows).toHaveCount(20)
  await expect(rows.first()).toHaveText('Topic 23')
  await expect(panel.locator('time').first()).toHaveText(/now|second|minute/)
  // Infinite scroll: the end of the list coming into view loads the next page.
  await panel.locator('.ck-history-list').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(rows).toHaveCount(24)
  await expect(rows.last()).toHaveText('Topic 0')

  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('Topic 7')
  await expect(rows).toHaveText(['Topic 7'])
  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('nothing like this')
  await expect(panel.getByRole('status')).toHaveText('No conversations match your search')

  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect.poll(() => host.eventsNamed('history.close')).toHaveLength(1)
  await expect(f.getByRole('button', { name: 'Conversation history' })).toBeFocused()
})

test('history: rename, delete after confirming, select loads; setThreadId, initialThread, history.enabled', async ({ page, browser }) => {
  const host = await openHost(page)
  const f = host.frame
  const first = await askAndWait(host, 'First conversation about gardening')
  const second = await askAndWait(host, 'Second conversation about sailing', true)
  expect(second).not.toBe(first)

  await f.getByRole('button', { name: 'Conversation history' }).click()
  const panel = f.getByRole('region', { name: 'History' })
  const items = panel.locator('.ck-history-item')
  await expect(items).toHaveCount(2)
  await expect(items.first()).toHaveAttribute('aria-current', 'true')

  // Rename the older one.
  const older = panel.locator(`[data-conversation-id="${first}"]`)
  await older.getByRole('button', { name: /^Rename/ }).click()
  await panel.getByRole('textbox', { name: 'New title' }).fill('Renamed garden chat')
  await page.keyboard.press('Enter')
  await expect(panel.locator(`[data-conversation-id="${first}"] .ck-history-item-title`)).toHaveText('Renamed garden chat')
  const secret = await mintSecret(host.user)
  expect((await apiCall(secret, 'GET', `/conversations/${first}`)).body.title).toBe('Renamed garden chat')

  // Delete asks first; Cancel keeps it, Delete removes it on the server.
  await panel
    .locator(`[data-conversation-id="${second}"]`)
    .getByRole('button', { name: /^Delete/ })
    .click()
  await expect(panel.getByText(/This cannot be undone/)).toBeVisible()
  await panel.getByRole('button', { name: 'Cancel' }).click()
  await expect(items).toHaveCount(2)
  await panel
    .locator(`[data-conversation-id="${second}"]`)
    .getByRole('button', { name: /^Delete/ })
    .click()
  await panel.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(items).toHaveCount(1)
  expect((await apiCall(secret, 'GET', `/conversations/${second}`)).status).toBe(404)
  // The deleted thread was open: the chat is back to a new thread.
  await expect(f.locator('article')).toHaveCount(0)

  // Selecting loads it, with thread.load.start/end.
  await panel.locator('.ck-history-item').first().click()
  await expect(panel).toHaveCount(0)
  await expect(f.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('First conversation about gardening')
  expect(await host.eventsNamed('thread.load.start')).toContainEqual({ threadId: first })
  expect(await host.eventsNamed('thread.load.end')).toContainEqual({ threadId: first })

  // Options hide rename/delete.
  await host.setOptions({ history: { showRename: false, showDelete: false } })
  await host.call('showHistory')
  await expect(panel.locator('.ck-history-item')).toHaveCount(1)
  await expect(panel.getByRole('button', { name: /^(Rename|Delete) “/ })).toHaveCount(0)
  await host.call('hideHistory')
  await expect(panel).toHaveCount(0)

  await host.call('setThreadId', null)
  await expect(f.locator('article')).toHaveCount(0)
  await host.call('setThreadId', first)
  await expect(f.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('First conversation about gardening')

  await host.setOptions({ history: { enabled: false } })
  await expect(f.getByRole('button', { name: 'Conversation history' })).toHaveCount(0)

  // initialThread on a fresh page restores the conversation.
  const page2 = await browser.newPage()
  const host2 = await openHost(page2, { user: host.user, options: { initialThread: first } })
  await expect(host2.frame.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('First conversation about gardening')
  await page2.close()
})
