/**
 * Network faults in the browser path: a seeded proxy between the frame and the server cuts,
 * stalls (briefly, or for good) and slows the answer streams at random points. The frame must show
 * that it is reconnecting, rejoin with Last-Event-ID, and end with exactly the answer a fault-free
 * run gives — on screen and in the server's store. Then offline/online: a banner, a message typed
 * offline sent once, and an answer cut by going offline recovered on its own.
 */
import { expect, test, type Page } from '@playwright/test'
import { record, scale } from '../../scripts/hardening-report.mjs'
import { seeded, startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.js'
import { answers, ask, frameOf, openHost, shownThreadId, type Host } from '../support/host.js'
import { startOwnServer, storedMessages, storedText, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'

const SEED = Number(process.env.HARDENING_SEED ?? 20261126)
const ANSWERS = scale(3, 12)
const BREAKS_PER_ANSWER = scale(7, 8)
const PROMPT = 'Tell me about network faults'

const SERVER_PORT = E2E.extraPort(3)
const PROXY_PORT = E2E.extraPort(4)
const HOST_PORT = E2E.extraPort(5)

let own: OwnServer
let proxy: FaultProxy
let host: Host | null = null

test.beforeAll(async () => {
  const origins = [HOST_PORT, PROXY_PORT, SERVER_PORT].map((p) => `http://127.0.0.1:${p}`)
  // A short keep-alive, so a stream that went silent is noticed in ~2 s instead of ~40 s.
  own = await startOwnServer({ port: SERVER_PORT, allowedOrigins: origins, env: { CHATKIT_KEEP_ALIVE_MS: '500' } })
  proxy = await startFaultProxy(PROXY_PORT, { host: '127.0.0.1', port: SERVER_PORT })
})
test.afterAll(async () => {
  await proxy?.close()
  await own?.dispose()
})
test.afterEach(async () => {
  proxy.setPlan(null)
  await host?.close()
  host = null
})

const assistant = (h: Host) => answers(h.frame)
const user = (h: Host) => h.frame.locator('article[data-message-role="user"] .ck-user-text')

/** The rendered text of answer `i` (its parts, without the action buttons). */
async function answerText(h: Host, i: number): Promise<string> {
  // textContent, not innerText: off-screen messages and the off-screen chunks of a long answer skip
  // rendering (content-visibility), and innerText only sees rendered text.
  return (await assistant(h).nth(i).locator('.ck-part').allTextContents()).join('\n')
}

async function waitAnswer(h: Host, i: number) {
  await expect(assistant(h).nth(i)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(h.frame.locator('.ck-reconnecting')).toHaveCount(0)
}

/** Counts every time the frame shows its "reconnecting" status (too brief to poll for). */
async function watchReconnecting(page: Page) {
  await frameOf(page).evaluate(() => {
    const w = window as unknown as { __reconnecting: number }
    w.__reconnecting = 0
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches('.ck-reconnecting')) w.__reconnecting++
    }).observe(document.body, { childList: true, subtree: true })
  })
  return () => frameOf(page).evaluate(() => (window as unknown as { __reconnecting: number }).__reconnecting)
}

/** Lines of `actual` missing from `expected`'s multiset (lost) and extra ones (duplicated). */
function diffLines(expected: string, actual: string) {
  const count = new Map<string, number>()
  for (const l of expected.split('\n')) count.set(l, (count.get(l) ?? 0) + 1)
  let duplicated = 0
  for (const l of actual.split('\n')) {
    const n = count.get(l) ?? 0
    if (n > 0) count.set(l, n - 1)
    else duplicated++
  }
  const lost = [...count.values()].reduce((a, b) => a + b, 0)
  return { lost, duplicated }
}

test('answers cut, stalled and slowed at seeded points end byte for byte like a fault-free answer', async ({ page }) => {
  test.setTimeout(scale(90_000, 400_000))
  host = await openHost(page, { at: HOST_PORT, server: proxy.origin, mintAt: own.origin })
  const h = host
  const reconnects = await watchReconnecting(page)

  // The fault-free answer.
  await ask(h.frame, PROMPT)
  await waitAnswer(h, 0)
  const expected = await answerText(h, 0)
  expect(expected).toContain('You asked: Tell me about network faults')
  expect(await reconnects()).toBe(0)

  // Then the same question, answered through seeded faults.
  const random = seeded(SEED)
  const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo))
  let breaksLeft = 0
  proxy.setPlan((): Fault | null => {
    const r = random()
    const at = between(150, 2500)
    const slow = (): Fault => ({ kind: 'slow', at, bytes: between(16, 200), ms: between(2, 15), len: between(200, 1500) })
    if (breaksLeft <= 0) return r < 0.3 ? slow() : null
    if (r < 0.12) return { kind: 'stall', at, ms: between(200, 800) }
    if (r < 0.22) return slow()
    breaksLeft--
    return r < 0.3 ? { kind: 'stall', at, ms: Infinity } : { kind: 'cut', at }
  })
  let lost = 0
  let duplicated = 0
  const before = { ...proxy.stats }
  for (let i = 1; i <= ANSWERS; i++) {
    breaksLeft = BREAKS_PER_ANSWER
    await ask(h.frame, PROMPT)
    await waitAnswer(h, i)
    const d = diffLines(expected, await answerText(h, i))
    lost += d.lost
    duplicated += d.duplicated
    expect(await answerText(h, i), `answer ${i} (seed ${SEED})`).toBe(expected)
  }
  proxy.setPlan(null)
  const cuts = proxy.stats.cuts - before.cuts + proxy.stats.deadStalls - before.deadStalls
  expect(cuts).toBeGreaterThanOrEqual(scale(20, 60))
  // Each break showed the reconnecting state (a break can heal before the status paints, so at least one per answer).
  expect(await reconnects()).toBeGreaterThanOrEqual(ANSWERS)

  // The server stored every message once, and every answer equal to the fault-free one.
  const stored = await storedMessages(own, h.user, await shownThreadId(h.page))
  expect(stored.map((m) => m.role)).toEqual(Array.from({ length: ANSWERS + 1 }, () => ['human', 'ai']).flat())
  const ai = stored.filter((m) => m.role === 'ai')
  for (const m of ai) {
    expect(m.status).toBe('success')
    const d = diffLines(storedText(ai[0]), storedText(m))
    lost += d.lost
    duplicated += d.duplicated
    expect(storedText(m)).toBe(storedText(ai[0]))
  }
  await expect(user(h)).toHaveCount(ANSWERS + 1)
  const s = proxy.stats
  record(
    'network faults',
    { cuts, messages: ANSWERS, lost, duplicated },
    `seed ${SEED}: ${s.cuts - before.cuts} cuts, ${s.deadStalls - before.deadStalls} dead stalls, ${s.stalls - before.stalls} stalls, ${s.slows - before.slows} slowed streams`,
  )
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 })
})

test('offline: a banner, a message typed offline sent once, and an answer cut by going offline recovered', async ({ page, context }) => {
  test.setTimeout(60_000)
  host = await openHost(page, { at: HOST_PORT, server: proxy.origin, mintAt: own.origin })
  const h = host
  const banner = h.frame.getByRole('status').filter({ hasText: 'You are offline' })

  // An answer streams; the browser goes offline in the middle of it, then comes back.
  await ask(h.frame, `${PROMPT}, offline`)
  await expect(assistant(h).first()).toContainText('You asked', { timeout: 10_000 })
  await context.setOffline(true)
  await expect(banner).toBeVisible()
  // A message typed while offline waits, visibly.
  await ask(h.frame, 'typed while offline')
  await expect(h.frame.locator('[data-queued="true"]')).toContainText('typed while offline')
  await page.waitForTimeout(800)
  await context.setOffline(false)
  await expect(banner).toHaveCount(0)

  // Both answers arrive; the queued message went out once.
  await expect(assistant(h)).toHaveCount(2, { timeout: 30_000 })
  await waitAnswer(h, 1)
  await expect(assistant(h).nth(0)).toHaveAttribute('data-status', 'done')
  await expect(h.frame.locator('[data-queued="true"]')).toHaveCount(0)
  const stored = await storedMessages(own, h.user, await shownThreadId(h.page))
  const sentOffline = stored.filter((m) => m.content === 'typed while offline').length
  record(
    'network faults',
    { messages: 2, lost: Math.max(0, 4 - stored.length) + (sentOffline === 0 ? 1 : 0), duplicated: Math.max(0, sentOffline - 1) },
    'offline/online: an answer cut by going offline, a message typed offline',
  )
  expect(stored.map((m) => [m.role, m.status])).toEqual([
    ['human', 'success'],
    ['ai', 'success'],
    ['human', 'success'],
    ['ai', 'success'],
  ])
  expect(sentOffline).toBe(1)
  // What the frame shows is what the server stored.
  expect(await answerText(h, 0)).toContain(storedText(stored[1]).split('\n')[0].replace(/^## /, ''))
  expect(await user(h).allTextContents()).toEqual([`${PROMPT}, offline`, 'typed while offline'])
})
