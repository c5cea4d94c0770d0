/**
 * Server restarts during a browser session: the spec's own server is stopped with SIGTERM (a
 * graceful shutdown) or SIGKILL (a crash) in the middle of an answer, then started again on the
 * same port and data dir. The frame keeps trying until the server is back, the history is intact,
 * the cut answer is marked as interrupted (not shown as finished) both live and when the thread is
 * opened again, and Retry answers it in full.
 */
import { expect, test } from '@playwright/test'
import { record, scale } from '../../scripts/hardening-report.mjs'
import { answers as assistant, ask, openHost, shownThreadId as threadId, type Host } from '../support/host.js'
import { startOwnServer, storedMessages, storedText, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'

const SERVER_PORT = E2E.extraPort(3)
const HOST_PORT = E2E.extraPort(5)
const ROUNDS = scale(1, 3)
const OUTAGE_MS = scale(1500, 6000)
const INTERRUPTED = 'This answer was cut off because the server stopped. Retry to get a full answer.'

let own: OwnServer
let host: Host | null = null
const tally = { restarts: 0, lost: 0 }

test.beforeAll(async () => {
  own = await startOwnServer({ port: SERVER_PORT, allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`] })
})
test.afterAll(async () => {
  await own?.dispose()
  record('server restarts', tally, 'SIGTERM and SIGKILL mid-answer, restart on the same port and data dir')
})
test.afterEach(async () => {
  await host?.close()
  host = null
})

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`${signal} mid-answer: the frame recovers, history intact, the cut answer marked interrupted and retried`, async ({ page }) => {
    test.setTimeout(scale(60_000, 150_000))
    host = await openHost(page, { at: HOST_PORT, server: own.origin })
    const h = host
    await ask(h.frame, 'first question')
    await expect(assistant(h.frame).nth(0)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    const first = await assistant(h.frame).nth(0).locator('.ck-part').allTextContents()
    const thread = await threadId(h.page)

    for (let round = 0; round < ROUNDS; round++) {
      const cut = assistant(h.frame).nth(1)
      if (round === 0) await ask(h.frame, 'second question')
      else await cut.getByRole('button', { name: 'Retry' }).click()
      await expect(cut).toContainText('You asked: second question', { timeout: 10_000 })
      await expect(cut).toHaveAttribute('data-status', 'streaming')

      expect(await own.stop(signal)).toBe(signal === 'SIGTERM' ? 0 : null)
      if (signal === 'SIGKILL') await expect(h.frame.locator('.ck-reconnecting')).toBeVisible()
      // Down for a while: the frame keeps trying (backoff up to 4 s) until it is back.
      await page.waitForTimeout(OUTAGE_MS)
      await own.start()
      tally.restarts++

      // Live: the answer so far stays, marked as cut off, with a Retry; nothing claims it finished.
      await expect(cut).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
      await expect(cut.locator('.ck-error[data-code="run_interrupted"]')).toHaveText(INTERRUPTED)
      await expect(cut).toContainText('You asked: second question')
      await expect(h.frame.locator('.ck-reconnecting')).toHaveCount(0)
      await expect(cut.getByRole('button', { name: 'Retry' })).toBeVisible()

      // Stored: both questions, the first answer, the cut answer with its reason.
      const stored = await storedMessages(own, h.user, thread)
      expect(stored.map((m) => m.role)).toEqual(['human', 'ai', 'human', 'ai'])
      expect(stored[1].status).toBe('success')
      expect(stored[3].status).toBe(signal === 'SIGTERM' ? 'cancelled' : 'interrupted')
      expect(stored[3].error).toBe(signal === 'SIGTERM' ? 'server shutting down' : 'server stopped during the run')
      tally.lost += stored.length === 4 ? 0 : Math.abs(4 - stored.length)
    }

    // Opened again from the server, the thread shows the same: the first answer done, the cut one marked.
    await h.page.evaluate((id) => (window as any).__chatkit.setThreadId(id), thread)
    await expect(assistant(h.frame)).toHaveCount(2)
    await expect(assistant(h.frame).nth(0)).toHaveAttribute('data-status', 'done')
    expect(await assistant(h.frame).nth(0).locator('.ck-part').allTextContents()).toEqual(first)
    await expect(assistant(h.frame).nth(1)).toHaveAttribute('data-status', 'error')
    await expect(assistant(h.frame).nth(1).locator('.ck-error[data-code="run_interrupted"]')).toHaveText(INTERRUPTED)

    // Retry answers it in full on the restarted server.
    await assistant(h.frame).nth(1).getByRole('button', { name: 'Retry' }).click()
    await expect(assistant(h.frame).nth(1)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
    await expect(assistant(h.frame).nth(1)).toContainText('You asked: second question')
    const stored = await storedMessages(own, h.user, thread)
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['human', 'success'],
      ['ai', 'success'],
      ['human', 'success'],
      ['ai', 'success'],
    ])
    expect(storedText(stored[3])).toMatch(/^## You asked: second question/)
    expect(stored.filter((m) => m.role === 'human').map((m) => m.content)).toEqual(['first question', 'second question'])
  })
}
