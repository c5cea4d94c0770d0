/**
 * Every `chatkit.*` event reaches a vanilla `addEventListener` listener and a React `onX` handler,
 * from a real cross-origin frame.
 */
import { expect, test } from '@playwright/test'
import { EVENT_NAMES } from '@xpert-ai/chatkit-protocol'
import { chatFrame, events, lastAnswer, method, openHost, PAGES } from '../support/sdk-host.js'

const options = {
  theme: { radius: 'square' },
  composer: { tools: [{ id: 'search', label: 'Search', icon: 'search', pinned: true }] },
}

for (const [kind, path] of [
  ['vanilla listener', PAGES.vanilla],
  ['React handler', PAGES.react],
] as const) {
  test(`every event reaches a ${kind}`, async ({ page }) => {
    await openHost(page, path, options)
    const frame = chatFrame(page)

    // error: the invalid option, named by path; the valid rest still works (the composer is there).
    await expect
      .poll(() => events(page, 'error'))
      .toContainEqual({ name: 'error', detail: { code: 'invalid_options', message: expect.stringContaining('theme.radius') } })
    // resize: the frame measured its content.
    await expect.poll(async () => ((await events(page, 'resize'))[0]?.detail?.height as number) ?? 0).toBeGreaterThan(50)

    await method(page, 'showHistory')
    await method(page, 'hideHistory')

    await frame.locator('button[aria-pressed]', { hasText: 'Search' }).click()
    await expect.poll(() => events(page, 'tool.change')).toEqual([{ name: 'tool.change', detail: { toolId: 'search' } }])

    await frame.locator('textarea[aria-label="Message"]').press('Escape')
    await expect.poll(() => events(page, 'log')).toContainEqual({ name: 'log', detail: { name: 'escape' } })

    await method(page, 'sendUserMessage', { text: 'show an effect' })
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
    await expect.poll(() => events(page, 'effect')).toHaveLength(1)
    const threadId = (await events(page, 'thread.change'))[0].detail!.threadId

    await method(page, 'sendUserMessage', { text: 'long please' })
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming')
    await method(page, 'stop')
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'cancelled')

    await method(page, 'setThreadId', threadId)
    await expect.poll(() => events(page, 'thread.load.end')).toHaveLength(1)

    const seen = new Set((await events(page)).map((e) => e.name))
    // Every event the contract names (a new one added there must be proven here too).
    for (const name of EVENT_NAMES) {
      expect(seen, `chatkit.${name}`).toContain(name)
    }
    expect(await events(page, 'thread.load.start')).toEqual([{ name: 'thread.load.start', detail: { threadId } }])
  })
}
