/**
 * axe-core with ALL its rules (WCAG 2.0/2.1/2.2 A and AA and best-practice: landmarks, regions,
 * heading order, unique ids, scrollable regions focusable, target size) over the frame's states, in
 * the light and dark schemes: the start screen, a finished rich answer whose code block and table
 * are wider than the frame, its tool steps opened, the history panel, and an approval card. The
 * answers come from e2e/agents/a11y-rich.mjs (assistant id `a11y-rich`) on the shared e2e server.
 */
import { expect, test } from '@playwright/test'
import { axeRulesRun, axeViolations } from '../support/axe.js'
import { aroundBrowser, openHost } from '../support/around-host.js'

test.use(aroundBrowser)

const options = (scheme: 'light' | 'dark') => ({
  api: { xpertId: 'a11y-rich' },
  theme: { colorScheme: scheme },
  startScreen: { greeting: 'How can we help?', prompts: [{ label: 'Show the settings', prompt: 'show the settings', icon: 'sparkle' }] },
  disclaimer: { text: 'Answers may be wrong.' },
  composer: { attachments: { enabled: true }, models: [{ id: 'a', label: 'Model A', default: true }, { id: 'b', label: 'Model B' }] },
})

test('the axe helper runs every rule: best-practice and WCAG 2.2 included', async ({ page }) => {
  const host = await openHost(page, { options: options('light') })
  await expect(host.frame.getByRole('heading', { name: 'How can we help?' })).toBeVisible()
  const ran = await axeRulesRun(await host.rawFrame())
  // best-practice (region, landmarks, headings, scrollers), WCAG 2.2 AA (target-size, off by default) and A/AA.
  for (const id of ['region', 'landmark-unique', 'landmark-one-main', 'heading-order', 'page-has-heading-one', 'scrollable-region-focusable', 'target-size', 'color-contrast', 'aria-allowed-role', 'label'])
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
