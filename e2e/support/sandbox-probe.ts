/**
 * Checks what the sandbox probe script (e2e/agents/sandbox-probe.mjs) reported from inside a
 * sandboxed sub-frame (an HTML artifact, an MCP App): every escape blocked, an opaque origin, the
 * host page where it was with no popup, the frame's bridge still answering the host, no cookie
 * set, and nothing at the probe server. Returns the log, for a spec's own extra attempts.
 */
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test'
import type { Probe } from './probe-server.js'

export async function expectProbeBlocked(o: {
  page: Page
  inner: Frame
  frame: FrameLocator
  probe: Probe
  hostUrl: string
  popups: string[]
}): Promise<Record<string, string>> {
  const { page, inner, frame } = o
  await expect(inner.locator('li[data-k="done"]')).toBeAttached({ timeout: 15_000 })
  const log: Record<string, string> = Object.fromEntries(
    await inner.locator('#log li').evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset.k, li.textContent!.split(': ').slice(1).join(': ')])),
  )
  for (const k of ['fetch', 'xhr', 'image', 'websocket', 'cookie', 'localStorage', 'parent', 'popup']) expect(log[k], k).toMatch(/^blocked/)
  expect(await inner.evaluate(() => origin)).toBe('null')
  // The host page stayed where it was, no popup opened, and the bridge still answers the host.
  expect(page.url()).toBe(o.hostUrl)
  expect(o.popups).toEqual([])
  await page.evaluate(() => (window as any).__chatkit.setComposerValue({ text: 'still connected' }))
  await expect(frame.getByRole('textbox', { name: 'Message' })).toHaveValue('still connected')
  await expect(frame.locator('article[data-message-role="user"]')).toHaveCount(1)
  // No cookie or storage of the frame's origin was touched; nothing left for the probe.
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('stolen')
  expect(o.probe.paths()).toEqual([])
  return log
}
