/**
 * Every scroll container of the frame is reachable and scrollable by keyboard, shown while it really
 * OVERFLOWS (axe flags `scrollable-region-focusable` only then), in the light and dark schemes:
 * a program tool step's code and output, a display formula, a block shown as plain text, a chart's
 * data table, an approval card's arguments, an artifact panel's body and the plain rest of a very
 * long answer. Each is a tab stop with a name, axe with all rules finds nothing, and the arrow keys
 * scroll it. The answers come from e2e/agents/a11y-overflow.mjs (assistant id `a11y-rich`).
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { aroundBrowser, openHost } from '../support/host.js'
import { pressUntilMoved } from '../support/keys.js'

test.use(aroundBrowser)

const options = (scheme: 'light' | 'dark') => ({ api: { xpertId: 'a11y-rich' }, theme: { colorScheme: scheme } })

/** `el` overflows along `axis`, is a named tab stop, and the keyboard scrolls it once focused. */
async function scrollsByKeyboard(page: Page, el: Locator, axis: 'x' | 'y', name: string | RegExp) {
  await el.scrollIntoViewIfNeeded()
  const [size, client, pos] = axis === 'y' ? (['scrollHeight', 'clientHeight', 'scrollTop'] as const) : (['scrollWidth', 'clientWidth', 'scrollLeft'] as const)
  expect(await el.evaluate((e, [s, c]) => e[s] - e[c], [size, client] as const), `${name} overflows`).toBeGreaterThan(0)
  await expect(el).toHaveAttribute('tabindex', '0')
  await expect(el).toHaveAccessibleName(name)
  // A key press first: the focus that follows is a keyboard user's, so it shows its ring (:focus-visible).
  await page.keyboard.press('Shift')
  await el.focus()
  await expect(el).toBeFocused()
  expect(await el.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid')
  const read = () => el.evaluate((e, p) => e[p], pos)
  expect(await pressUntilMoved(page, axis === 'y' ? 'ArrowDown' : 'ArrowRight', read), `${name} scrolls`).toBeGreaterThan(0)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`keyboard and all axe rules, ${scheme}: program code and output, a formula, plain text, a chart table, approval arguments, an artifact`, async ({
    page,
  }) => {
    test.setTimeout(90_000)
    const host = await openHost(page, { options: options(scheme), size: { width: '400px', height: '700px' } })
    const f = host.frame
    const frame = await host.rawFrame()
    await host.call('sendUserMessage', { text: 'show everything that overflows' })
    const answer = f.locator('article[data-message-role="assistant"]').last()
    await expect(answer.locator('.ck-hitl')).toBeVisible({ timeout: 20_000 })
    await answer.locator('.ck-step summary').first().click()
    await answer.getByRole('button', { name: 'Show data table' }).click()
    await expect(answer.locator('.ck-math-block')).toHaveAttribute('data-math', 'rendered')
    expect.soft(await axeViolations(frame), 'everything that scrolls, overflowing').toEqual([])

    await scrollsByKeyboard(page, answer.locator('pre.ck-tool-code'), 'y', 'Code')
    await scrollsByKeyboard(page, answer.locator('pre.ck-tool-stdout'), 'y', 'Output')
    await scrollsByKeyboard(page, answer.locator('.ck-math-block'), 'x', 'Formula')
    await scrollsByKeyboard(page, answer.locator('.ck-md-unformatted pre'), 'y', 'Plain text')
    await scrollsByKeyboard(page, answer.locator('.ck-chart-table'), 'x', 'Table')
    await scrollsByKeyboard(page, answer.locator('pre.ck-hitl-args'), 'y', 'Arguments (JSON)')

    await answer.getByRole('button', { name: /Long note/ }).click()
    const panel = f.getByRole('dialog', { name: 'Long note' })
    await expect(panel.getByText('Paragraph 60 of a long note.')).toBeAttached()
    expect.soft(await axeViolations(frame), 'artifact panel, a long note').toEqual([])
    // The tab panel is the stop after its tabs.
    await panel.getByRole('tab', { name: 'Preview' }).focus()
    await page.keyboard.press('Tab')
    const body = panel.getByRole('tabpanel')
    await expect(body).toBeFocused()
    await scrollsByKeyboard(page, body, 'y', 'Preview')
  })

  test(`keyboard and all axe rules, ${scheme}: the plain rest of a very long answer`, async ({ page }) => {
    test.setTimeout(90_000)
    const host = await openHost(page, { options: options(scheme), size: { width: '400px', height: '700px' } })
    const f = host.frame
    await host.call('sendUserMessage', { text: 'a long overflow' })
    const answer = f.locator('article[data-message-role="assistant"]').last()
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await answer.getByRole('button', { name: /Show the rest of the answer/ }).click()
    const rest = answer.locator('.ck-long-rest')
    await expect(rest).toContainText('rest line 59')
    expect.soft(await axeViolations(await host.rawFrame()), 'the plain rest, open').toEqual([])
    await scrollsByKeyboard(page, rest, 'y', 'Plain text')
  })
}
