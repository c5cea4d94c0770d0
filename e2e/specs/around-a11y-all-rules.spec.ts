/**
 * axe-core with ALL its rules (WCAG 2.0/2.1/2.2 A and AA and best-practice: landmarks, regions,
 * heading order, unique ids, scrollable regions focusable, target size) over the frame's states, in
 * the light and dark schemes: the start screen, a finished rich answer whose code block and table
 * are wider than the frame, its tool steps opened, the history panel, and an approval card. The
 * answers come from e2e/agents/a11y-rich.mjs (assistant id `a11y-rich`) on the shared e2e server.
 */
import { expect, test } from '@playwright/test'
import { apiCall } from '../support/api-call.js'
import { axeRulesRun, axeViolations } from '../support/axe.js'
import { aroundBrowser, openHost } from '../support/host.js'
import { mintSecret } from '../support/secrets.js'
import { pressUntilMoved } from '../support/keys.js'

test.use(aroundBrowser)

const options = (scheme: 'light' | 'dark') => ({
  api: { xpertId: 'a11y-rich' },
  theme: { colorScheme: scheme },
  startScreen: { greeting: 'How can we help?', prompts: [{ label: 'Show the settings', prompt: 'show the settings', icon: 'sparkle' }] },
  disclaimer: { text: 'Answers may be wrong.' },
  composer: {
    attachments: { enabled: true },
    models: [
      { id: 'a', label: 'Model A', default: true },
      { id: 'b', label: 'Model B' },
    ],
  },
})

test('the axe helper runs every rule: best-practice and WCAG 2.2 included', async ({ page }) => {
  const host = await openHost(page, { options: options('light') })
  await expect(host.frame.getByRole('heading', { name: 'How can we help?' })).toBeVisible()
  const ran = await axeRulesRun(await host.rawFrame())
  // best-practice (region, landmarks, headings, scrollers), WCAG 2.2 AA (target-size, off by default) and A/AA.
  for (const id of [
    'region',
    'landmark-unique',
    'landmark-one-main',
    'heading-order',
    'page-has-heading-one',
    'scrollable-region-focusable',
    'target-size',
    'color-contrast',
    'aria-allowed-role',
    'label',
  ])
    expect(ran).toContain(id)
  expect(ran.length).toBeGreaterThanOrEqual(90)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`all axe rules, ${scheme}: start screen, wide code and tables, tool steps, history, approval card`, async ({ page }) => {
    test.setTimeout(90_000)
    const host = await openHost(page, { options: options(scheme), size: { width: '400px', height: '700px' } })
    const f = host.frame
    const frame = await host.rawFrame()
    await expect(f.getByRole('heading', { name: 'How can we help?' })).toBeVisible()
    expect.soft(await axeViolations(frame), 'start screen').toEqual([])

    await f.getByRole('button', { name: 'Show the settings' }).click()
    const answer = f.locator('article[data-message-role="assistant"]').last()
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    // Wide content really overflows (a code block and a table that scroll sideways), highlighted.
    const code = answer.locator('pre.ck-md-code')
    await code.scrollIntoViewIfNeeded()
    await expect(code).toHaveAttribute('data-highlighted', 'true')
    expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    expect(await answer.locator('.ck-md-table').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    expect.soft(await axeViolations(frame), 'finished rich answer').toEqual([])

    // The tool step opened, with its JSON input and output shown.
    await answer.locator('.ck-step summary').first().click()
    for (const name of ['Input', 'Output']) await answer.locator('summary', { hasText: new RegExp(`^${name}$`) }).click()
    await expect(answer.locator('.ck-json-body')).toHaveCount(2)
    expect.soft(await axeViolations(frame), 'tool steps open').toEqual([])

    await host.call('showHistory')
    await expect(f.getByRole('region', { name: 'History' }).locator('.ck-history-item')).toHaveCount(1)
    expect.soft(await axeViolations(frame), 'history panel').toEqual([])
    await page.keyboard.press('Escape')
    await expect(f.getByRole('region', { name: 'History' })).toHaveCount(0)

    await host.call('sendUserMessage', { text: 'approve the email' })
    await expect(f.locator('.ck-hitl')).toBeVisible({ timeout: 20_000 })
    await expect(f.getByRole('button', { name: /approve/i }).first()).toBeVisible()
    expect.soft(await axeViolations(frame), 'approval card').toEqual([])
  })
}

test('keyboard: code blocks, tables, JSON, the message list, the history list and menus are tab stops (or driven) and scroll with the keys', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const user = `kbd-${Date.now().toString(36)}`
  const secret = await mintSecret(user, { assistant: 'a11y-rich' })
  for (let i = 0; i < 16; i++) {
    const created = await apiCall(secret, 'POST', '/threads', { assistant_id: 'a11y-rich' })
    expect(created.status).toBe(200)
    await apiCall(secret, 'PATCH', `/conversations/${created.body.thread_id}`, { title: `Topic ${i}` })
  }
  const slashCommands = Array.from({ length: 20 }, (_, i) => ({
    name: `cmd${i}`,
    description: `Command ${i}`,
    action: { type: 'insert_text', template: `text ${i}` },
  }))
  const host = await openHost(page, { user, options: { ...options('light'), composer: { slashCommands } }, size: { width: '400px', height: '600px' } })
  const f = host.frame
  const frame = await host.rawFrame()
  await host.call('sendUserMessage', { text: 'show the settings' })
  const answer = f.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })

  // A code block: the next tab stop after its Copy button; the arrow keys scroll it sideways.
  const code = answer.getByRole('group', { name: 'Code' })
  await answer.getByRole('button', { name: 'Copy code' }).focus()
  await page.keyboard.press('Tab')
  await expect(code).toBeFocused()
  expect(await code.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid')
  expect(await pressUntilMoved(page, 'ArrowRight', () => code.evaluate((el) => el.scrollLeft))).toBeGreaterThan(0)

  // The wide table: the next tab stop; scrolls sideways.
  const table = answer.getByRole('group', { name: 'Table' })
  await page.keyboard.press('Tab')
  await expect(table).toBeFocused()
  expect(await table.locator('table').count()).toBe(1)
  expect(await pressUntilMoved(page, 'ArrowRight', () => table.evaluate((el) => el.scrollLeft))).toBeGreaterThan(0)

  // A tool step's JSON, opened by keyboard: a tab stop inside the step; scrolls down.
  await answer.locator('.ck-step summary').focus()
  await page.keyboard.press('Enter')
  const inputSummary = answer.locator('summary', { hasText: /^Input$/ })
  await expect(inputSummary).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(inputSummary).toBeFocused()
  await page.keyboard.press('Enter')
  const json = answer.getByRole('group', { name: 'Input as JSON' })
  await expect(json).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(json).toBeFocused()
  expect(await pressUntilMoved(page, 'ArrowDown', () => json.evaluate((el) => el.scrollTop))).toBeGreaterThan(0)

  // The message list: the log is a tab stop; End and the arrow keys scroll the conversation.
  const log = f.getByRole('log', { name: 'Conversation' })
  const scroller = f.locator('.ck-scroll')
  await log.focus()
  await expect(log).toBeFocused()
  const top = () => scroller.evaluate((el) => el.scrollTop)
  await page.keyboard.press('End')
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(2)
  const bottom = await top()
  expect(bottom).toBeGreaterThan(0)
  expect(await pressUntilMoved(page, 'ArrowUp', top)).toBeLessThan(bottom)

  // The history list: its rows are buttons; from one, the arrow keys scroll the list.
  await f.getByRole('button', { name: 'Conversation history' }).focus()
  await page.keyboard.press('Enter')
  const panel = f.getByRole('region', { name: 'History' })
  await expect(panel.locator('.ck-history-item')).toHaveCount(17)
  expect(await axeViolations(frame), 'history panel, a long list').toEqual([])
  const list = panel.locator('.ck-history-list')
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
  await page.keyboard.press('Tab')
  await expect(list.locator(':focus')).toHaveCount(1)
  expect(await pressUntilMoved(page, 'ArrowDown', () => list.evaluate((el) => el.scrollTop))).toBeGreaterThan(0)
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)

  // A long menu: driven from the textarea (aria-activedescendant); the active option scrolls into view.
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.focus()
  await page.keyboard.type('/')
  const menu = f.getByRole('listbox', { name: 'Commands' })
  await expect(menu.getByRole('option')).toHaveCount(20)
  expect(await menu.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
  expect(await axeViolations(frame), 'a long command menu').toEqual([])
  const menuTop = () => menu.evaluate((el) => el.scrollTop)
  const down = await pressUntilMoved(page, 'ArrowDown', menuTop, 15)
  expect(down).toBeGreaterThan(0)
  await expect(input).toBeFocused()
  // The listbox itself is a tab stop with the same keys: arrows move (and scroll), Enter picks.
  await menu.focus()
  expect(await pressUntilMoved(page, 'ArrowUp', menuTop, 15)).toBeLessThan(down)
  const picked = await menu.locator('[aria-selected="true"]').getAttribute('id')
  await page.keyboard.press('Enter')
  await expect(input).toHaveValue(`text ${Number(picked!.replace('ck-suggest-', ''))}`)
})
