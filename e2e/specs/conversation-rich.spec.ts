import { expect, test } from '@playwright/test'
import { ask, openHost, pageEvents } from '../support/host.js'
import { E2E } from '../support/ports.js'

test('markdown: table, task list, KaTeX inline and block math, highlighted code with copy, safe links', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(3) })
  await ask(frame, 'math')
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(answer.locator('table td').first()).toBeVisible()
  await expect(answer.locator('li input[type=checkbox]').first()).toBeAttached()
  await expect(answer.locator('.ck-math[data-math="rendered"] .katex').first()).toBeVisible()
  await expect(answer.locator('.ck-math-block[data-math="rendered"]').first()).toBeVisible()
  const code = answer.locator('pre[data-language="ts"], pre[data-language="typescript"]').first()
  await expect(code).toHaveAttribute('data-highlighted', 'true')
  await expect(code.locator('.hljs-keyword').first()).toBeVisible()
  await expect(answer.locator('.ck-md-copy').first()).toBeVisible()
  // Highlighting ran in the frame's worker (off the main thread), not in the fallback path.
  const scripts = await frame.locator('body').evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
  expect(scripts.some((n) => /\/assets\/worker-[\w-]+\.js$/.test(n))).toBe(true)
  expect(scripts.some((n) => /\/assets\/languages-[\w-]+\.js$/.test(n))).toBe(false)
  // KaTeX fonts and CSS came from the frame's own origin.
  const fonts = await frame.locator('body').evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /katex|KaTeX/.test(n)),
  )
  expect(fonts.length).toBeGreaterThan(0)
  for (const f of fonts) expect(new URL(f).origin).toBe(E2E.api)
  for (const a of await answer.locator('a[href]').all()) {
    await expect(a).toHaveAttribute('target', '_blank')
    await expect(a).toHaveAttribute('rel', 'noopener noreferrer')
  }
})

test('reasoning: live "Thinking…" with seconds, then collapsed "Thought for N s"', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(3) })
  // "long" makes the thinking last ~3 s, so the live state cannot be missed on a busy machine.
  await ask(frame, 'reason long')
  const panel = frame.locator('article[data-message-role="assistant"] .ck-reasoning')
  await expect(panel.locator('summary')).toHaveText(/Thinking… \d+ s/)
  await expect(panel).toHaveAttribute('open', '')
  await expect(panel.locator('summary')).toHaveText(/Thought for \d+ s/, { timeout: 40_000 })
  await expect(panel).not.toHaveAttribute('open', '')
})

test('tool steps: web search results as links, duration, expandable input/output; agents named; usage meter; effect event', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(3) })
  await ask(frame, 'search agents usage effect')
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 40_000 })
  const step = answer.locator('.ck-step[data-tool-type="web_search"]')
  await expect(step).toHaveAttribute('data-tool-status', 'success')
  await step.locator('summary').first().click()
  await expect(step.locator('.ck-tool-results a').first()).toHaveAttribute('href', /^https?:/)
  await expect(step.locator('.ck-step-time')).toHaveText(/\d+\.\d s/)
  await step.locator('.ck-json summary', { hasText: 'Input' }).click()
  await expect(step.locator('.ck-json-body').first()).toContainText('"query"')
  await expect(answer.locator('.ck-agent')).toHaveText(['Researcher', 'Writer'])
  await expect(frame.locator('.ck-usage[role="meter"]')).toHaveAttribute('aria-valuenow', /\d+/)
  expect((await pageEvents(page)).find((e) => e.name === 'effect')?.detail).toMatchObject({ name: 'highlight', data: expect.any(Object) })
})
