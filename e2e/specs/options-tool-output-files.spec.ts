/**
 * `toolOutputAttachments` (issue 19 item 9), in a real cross-origin frame against the real server:
 * the demo agent's `report` tool saves a CSV and a chart image (`ctx.files.save`) and ends its step
 * with them as `attachments`. They show under the step — the image as a thumbnail fetched through
 * the authorized file route, the CSV as a download with the bytes the tool wrote — are still there
 * after a reload (stored with the answer), are not folded by `collapseProcess`, and disappear with
 * `toolOutputAttachments: false`. axe finds nothing, light and dark.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'
import { axeViolations } from '../support/axe.js'

test.use(aroundBrowser)

for (const scheme of ['light', 'dark'] as const) {
  test(`a tool step's files show under it, download, and survive a reload (${scheme})`, async ({ page, browser }) => {
    const options = { theme: { colorScheme: scheme }, messagePresentation: { collapseProcess: true } }
    const host = await openHost(page, { options })
    const f = host.frame
    const box = f.getByRole('textbox', { name: 'Message' })
    await box.fill('reason and make a report please')
    await box.press('Enter')
    const answer = f.locator('article[data-message-role="assistant"]').last()
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })

    // Not folded into the process (the reasoning is): the step and its files stay visible while the disclosure is closed.
    await expect(answer.locator('button.ck-process-toggle')).toHaveAttribute('aria-expanded', 'false')
    const files = answer.locator('.ck-step[data-tool-type="make_report"] .ck-step-files')
    const list = files.getByRole('list', { name: 'Files from Make a report' })
    const csv = list.getByRole('button', { name: /^Download word-count\.csv, \d+ byte/ })
    await expect(csv).toBeVisible()
    // The chart: a thumbnail whose bytes came from the file route (a blob: URL), decoded.
    const thumb = files.locator('.ck-gallery img')
    await expect(thumb).toHaveAttribute('src', /^blob:/)
    await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(24)
    expect(await axeViolations(await host.rawFrame()), 'tool files').toEqual([])

    // Keyboard: Enter on the CSV downloads the bytes the tool saved.
    const download = page.waitForEvent('download')
    await csv.focus()
    await page.keyboard.press('Enter')
    const d = await download
    expect(d.suggestedFilename()).toBe('word-count.csv')
    expect(readFileSync(await d.path()).toString('utf8')).toBe('measure,value\nwords,6\ncharacters,31\n')

    // A reload (a new page, the same user and thread): stored with the answer, shown again.
    const threadId = (await host.eventsNamed('thread.change')).at(-1)?.threadId
    expect(threadId).toEqual(expect.any(String))
    const again = await openHost(await browser.newPage(), { user: host.user, options: { ...options, initialThread: threadId } })
    const reloaded = again.frame.locator('article[data-message-role="assistant"]').last()
    await expect(reloaded.getByRole('button', { name: /^Download word-count\.csv/ })).toBeVisible()
    await expect(reloaded.locator('.ck-step-files .ck-gallery img')).toHaveAttribute('src', /^blob:/)

    // Turned off: the step shows without them.
    await again.setOptions({ ...options, initialThread: threadId, toolOutputAttachments: false })
    await expect(reloaded.locator('.ck-step-files')).toHaveCount(0)
    await expect(reloaded.locator('.ck-process')).toHaveCount(1)
    expect((await again.eventsNamed('error')).filter((e) => e?.code === 'invalid_options' || e?.code === 'not_supported')).toEqual([])
  })
}
