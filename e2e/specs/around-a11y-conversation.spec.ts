/**
 * axe-core with ALL its rules (e2e/support/axe.ts) over the conversation's round-two states, in the
 * light and the dark scheme: a branched thread (its ‹ 1 / 2 › switchers, after a switch) and an
 * answer's sources with a citation card open. The branch comes from the `echo` agent
 * (e2e/agents/echo.mjs), the sources from the built-in `demo` agent's web search.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { answers, ask, frameOf, openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'

async function open(page: Page, xpertId: string, scheme: 'light' | 'dark'): Promise<FrameLocator> {
  return (await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId }, theme: { colorScheme: scheme }, history: { enabled: true } } })).frame
}
const done = (f: FrameLocator, n: number) => expect(answers(f).and(f.locator('[data-status="done"]'))).toHaveCount(n, { timeout: 30_000 })

for (const scheme of ['light', 'dark'] as const) {
  test(`all axe rules, ${scheme}: a branched thread, before and after a switch`, async ({ page }) => {
    const f = await open(page, 'echo', scheme)
    await expect(f.locator(':root')).toHaveAttribute('data-color-scheme', scheme)
    await ask(f, 'q1')
    await done(f, 1)
    await ask(f, 'q2')
    await done(f, 2)
    const question = f.locator('article[data-message-role="user"]').nth(1)
    await question.getByRole('button', { name: 'Edit' }).click()
    await f.getByRole('textbox', { name: 'Edit your question' }).fill('q2 edited')
    await f.getByRole('textbox', { name: 'Edit your question' }).press('Enter')
    const versions = question.getByRole('group', { name: 'Versions' })
    await expect(versions).toContainText('2 of 2', { timeout: 30_000 })
    await done(f, 2)
    expect.soft(await axeViolations(frameOf(page)), 'branched thread, newest version').toEqual([])
    await versions.getByRole('button', { name: 'Previous version' }).click()
    await expect(versions).toContainText('1 of 2')
    // The switcher's focused button (the keyboard stays on it) with its focus ring.
    await expect(versions.getByRole('button', { name: 'Previous version' })).toBeFocused()
    expect.soft(await axeViolations(frameOf(page)), 'branched thread, first version, switcher focused').toEqual([])
  })

  test(`all axe rules, ${scheme}: an answer's sources list and its citation card open`, async ({ page }) => {
    const f = await open(page, 'demo', scheme)
    await ask(f, 'search the web')
    await done(f, 1)
    const answer = answers(f).last()
    await expect(answer.getByRole('group', { name: 'Sources' }).getByRole('link')).toHaveCount(2)
    expect.soft(await axeViolations(frameOf(page)), 'sources list and suggestions').toEqual([])
    const cite = answer.getByRole('link', { name: /^Source 1: / })
    await cite.focus()
    await expect(f.getByRole('tooltip')).toBeVisible()
    expect.soft(await axeViolations(frameOf(page)), 'citation card open, by keyboard').toEqual([])
    await page.keyboard.press('Escape')
    await cite.hover()
    await expect(f.getByRole('tooltip')).toBeVisible()
    expect.soft(await axeViolations(frameOf(page)), 'citation card open, by hover').toEqual([])
  })
}
