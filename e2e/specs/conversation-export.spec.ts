/**
 * Export (issue 15 item 8): the header's Export menu downloads the branch shown as Markdown and as
 * JSON (schema `chatkit.conversation` v1, docs/export.md). The frame saves the file itself: the
 * host SDK's iframe sandbox allows downloads. Mouse and keyboard; axe on the open menu.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type Download } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'
import { axeViolations } from '../support/axe.js'

test.use(aroundBrowser)

const read = async (d: Download) => readFileSync(await d.path()).toString('utf8')

test('Export as Markdown and as JSON download the conversation, tool steps and sources summarized', async ({ page }) => {
  const host = await openHost(page, { options: { theme: { colorScheme: 'light' } } })
  const f = host.frame
  const menuButton = f.getByRole('button', { name: 'Export conversation' })
  // Nothing to export on the start screen.
  await expect(f.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(menuButton).toHaveCount(0)

  const input = f.getByRole('textbox', { name: 'Message' })
  for (const q of ['search for penguins', 'second question']) {
    await input.fill(q)
    await input.press('Enter')
    await expect(f.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  }
  await expect(f.locator('article[data-message-role="assistant"]').first()).toContainText('This is the ChatKit demo agent. It runs on your own server')

  // Mouse: Markdown.
  await menuButton.click()
  const menu = f.getByRole('menu', { name: 'Export conversation' })
  await expect(menu.getByRole('menuitem')).toHaveText(['Export as Markdown', 'Export as JSON'])
  await expect(menu.getByRole('menuitem').first()).toBeFocused()
  expect(await axeViolations(await host.rawFrame())).toEqual([])
  const mdDownload = page.waitForEvent('download')
  await menu.getByRole('menuitem', { name: 'Export as Markdown' }).click()
  const md = await mdDownload
  expect(md.suggestedFilename()).toMatch(/^search-for-penguins-\d{4}-\d\d-\d\d\.md$/)
  const text = await read(md)
  expect(text).toMatch(/^# search for penguins\n/)
  const order = ['## User\n\nsearch for penguins', '## Assistant', '## User\n\nsecond question', '## Assistant']
  let at = 0
  for (const piece of order) {
    const i = text.indexOf(piece, at)
    expect(i, piece).toBeGreaterThanOrEqual(at)
    at = i + piece.length
  }
  expect(text).toMatch(/- Tool: \*\*[^*]+\*\* \(success\)\n {2}- \[ChatKit documentation\]\(<https:\/\/github\.com\/xpert-ai\/chatkit-js>\)/)
  // The answer's own words, as the Markdown the agent wrote (the frame shows them rendered).
  expect(text).toContain('This is the **ChatKit demo agent**. It runs on your own server')
  await expect(menu).toHaveCount(0)
  await expect(menuButton).toBeFocused()

  // Keyboard: ↓ opens the menu, ↓ moves to JSON, Enter exports.
  await menuButton.press('ArrowDown')
  await expect(menu.getByRole('menuitem', { name: 'Export as Markdown' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(menu.getByRole('menuitem', { name: 'Export as JSON' })).toBeFocused()
  const jsonDownload = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  const json = await jsonDownload
  expect(json.suggestedFilename()).toMatch(/^search-for-penguins-\d{4}-\d\d-\d\d\.json$/)
  const doc = JSON.parse(await read(json))
  expect(doc).toMatchObject({ format: 'chatkit.conversation', version: 1, title: 'search for penguins', threadId: expect.any(String) })
  expect(Number.isNaN(Date.parse(doc.exportedAt))).toBe(false)
  expect(doc.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
  expect(doc.messages[0]).toMatchObject({ role: 'user', status: 'done', text: 'search for penguins' })
  expect(doc.messages[1].tools.some((t: { status: string; output?: { results?: unknown[] } }) => t.status === 'success' && t.output?.results?.length)).toBe(
    true,
  )
  expect(doc.messages[1].text.length).toBeGreaterThan(20)

  // Escape closes the menu and gives focus back.
  await menuButton.press('Enter')
  await expect(menu).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(menuButton).toBeFocused()
})
