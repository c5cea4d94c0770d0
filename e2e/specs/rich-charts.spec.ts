/**
 * Charts (issue 16): an agent's `chart` events render as SVG charts of each type, in the light and
 * dark schemes, each with its numbers in a data table behind a toggle; the answer stays axe-clean
 * with the tables open and closed.
 */
import { expect, test } from '@playwright/test'
import { frameOf, type Host, openHost } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { axeViolations } from '../support/axe.js'

const SERVER_PORT = E2E.extraPort(1)
const HOST_PORT = E2E.extraPort(2)

let own: OwnServer
let host: Host | null = null

test.beforeAll(async () => {
  own = await startOwnServer({ port: SERVER_PORT, allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`], env: { CHATKIT_AGENT: 'e2e/agents/charts.mjs' } })
})
test.afterAll(async () => await own?.dispose())
test.afterEach(async () => {
  await host?.close()
  host = null
})

for (const scheme of ['light', 'dark'] as const) {
  test(`bar, line, area and pie charts in the ${scheme} scheme, with data tables, axe-clean`, async ({ page }) => {
    test.setTimeout(60_000)
    host = await openHost(page, { at: HOST_PORT, server: own.origin, options: { theme: { colorScheme: scheme } } })
    const input = host.frame.getByRole('textbox', { name: 'Message' })
    await input.fill('chart it')
    await input.press('Enter')
    const answer = host.frame.locator('article[data-message-role="assistant"]')
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    const charts = answer.locator('figure.ck-chart')
    await expect(charts).toHaveCount(4)
    await expect(charts.locator('svg[role="img"]')).toHaveCount(4)
    expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart-type')))).toEqual(['bar', 'line', 'area', 'pie'])
    await expect(answer.getByRole('img', { name: 'Revenue by quarter' }).locator('rect.ck-chart-bar')).toHaveCount(8)
    await expect(answer.getByRole('img', { name: 'Latency' }).locator('path.ck-chart-line')).toHaveCount(2)
    await expect(answer.getByRole('img', { name: 'Active users' }).locator('path.ck-chart-area')).toHaveCount(1)
    await expect(answer.getByRole('img', { name: 'Traffic sources' }).locator('path.ck-chart-slice')).toHaveCount(4)

    // Themed with the frame's tokens: the first series is the accent colour of this scheme.
    const colors = await answer
      .locator('rect.ck-chart-bar')
      .first()
      .evaluate((r) => {
        const root = getComputedStyle(document.documentElement)
        return { fill: getComputedStyle(r).fill, accent: root.getPropertyValue('--ck-accent').trim(), scheme: document.documentElement.dataset.colorScheme }
      })
    expect(colors.scheme).toBe(scheme)
    const probe = await answer.evaluate((_, c) => {
      const s = document.createElement('span')
      s.style.color = c
      document.body.append(s)
      const v = getComputedStyle(s).color
      s.remove()
      return v
    }, colors.accent)
    expect(colors.fill).toBe(probe)

    expect(await axeViolations(frameOf(page))).toEqual([])

    // The table behind each toggle, by keyboard.
    for (const name of ['Revenue by quarter', 'Latency', 'Active users', 'Traffic sources']) {
      const figure = charts.filter({ has: host!.frame.getByRole('img', { name }) })
      const toggle = figure.getByRole('button', { name: 'Show data table' })
      await toggle.focus()
      await page.keyboard.press('Enter')
      await expect(figure.getByRole('button', { name: 'Hide data table' })).toHaveAttribute('aria-expanded', 'true')
      await expect(figure.getByRole('table', { name })).toBeVisible()
    }
    const bar = charts.first().getByRole('table')
    await expect(bar.getByRole('row')).toHaveCount(5)
    await expect(bar.getByRole('row').nth(3)).toHaveText(/Q3\s*-20 k€\s*90 k€/)
    await expect(charts.nth(3).getByRole('row').nth(1)).toHaveText(/Search\s*46 %/)
    expect(await axeViolations(frameOf(page))).toEqual([])

    // Responsive: the SVG scales to a narrow frame without overflowing the answer.
    await page.setViewportSize({ width: 360, height: 700 })
    await page.evaluate(() => ((document.querySelector('xpertai-chatkit') as HTMLElement).style.width = '340px'))
    await expect
      .poll(() =>
        charts
          .first()
          .locator('svg')
          .evaluate((s) => s.getBoundingClientRect().width),
      )
      .toBeLessThan(340)
    const over = await answer.evaluate((a) => a.scrollWidth - a.clientWidth)
    expect(over).toBeLessThanOrEqual(0)
    await page.screenshot({ path: test.info().outputPath(`charts-${scheme}.png`) })
  })
}
