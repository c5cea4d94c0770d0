/**
 * Many replicas, one product: the frame in Chromium talks to three replicas on PostgreSQL + Redis
 * through HAProxy (round-robin, no stickiness). A replica killed mid-answer, a reload mid-answer,
 * a Stop sent to another replica, and two tabs on different replicas sending to one thread.
 */
import { expect, test, type Page } from '@playwright/test'
import { answers as assistant, ask, openHost, shownThreadId as threadId, waitForReady, type Host } from '../support/host.js'
import { storedMessages, storedText } from '../support/own-server.js'
import { E2E } from '../support/ports.js'
import { pin, servedBy, startScaleWorld, type ScaleWorld } from '../support/replicas.js'

const HOSTS = [E2E.extraPort(0), E2E.extraPort(1)]
const INTERRUPTED = 'This answer was cut off because the server stopped. Retry to get a full answer.'
const LONG = 'second question'

let world: ScaleWorld
const hosts: Host[] = []
test.beforeAll(async () => {
  test.setTimeout(90_000)
  world = await startScaleWorld(HOSTS.map((p) => `http://127.0.0.1:${p}`))
})
test.afterAll(async () => world?.stop())
test.afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close()
})

const open = async (page: Page, n = 0, user?: string, options?: Record<string, unknown>) => {
  const h = await openHost(page, { at: HOSTS[n], server: world.origin, user, options })
  hosts.push(h)
  return h
}
/** Sends `text` and returns the replica running its agent (the one that answered the POST). */
async function askOn(h: Host, text: string): Promise<string> {
  const post = h.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/runs/stream'))
  await ask(h.frame, text)
  return (await post).headers()['x-chatkit-replica']
}
const other = (name: string) => world.replicas.find((r) => r.name !== name)!.name

test('a replica killed mid-answer: the frame rejoins through another with Last-Event-ID, shows the cut answer within 5 s, Retry answers it elsewhere', async ({
  page,
}) => {
  const h = await open(page)
  const seen = servedBy(page)
  await ask(h.frame, 'first question')
  await expect(assistant(h.frame).nth(0)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const thread = await threadId(h.page)
  const cut = assistant(h.frame).nth(1)
  const runner = await askOn(h, LONG)
  await expect(cut).toContainText('You asked: second question', { timeout: 10_000 })
  await expect(cut).toHaveAttribute('data-status', 'streaming')

  const killed = world.replicas.find((r) => r.name === runner)!
  await killed.kill()
  const killedAt = Date.now()
  await expect(cut).toHaveAttribute('data-status', 'error', { timeout: 5_000 })
  const took = Date.now() - killedAt
  await expect(cut.locator('.ck-error[data-code="run_interrupted"]')).toHaveText(INTERRUPTED)
  await expect(cut).toContainText('You asked: second question')
  // The rejoin carried Last-Event-ID and another replica answered it.
  const rejoins = seen.filter((s) => s.method === 'GET' && /\/runs\/[^/]+\/stream$/.test(s.path) && s.lastEventId)
  expect(rejoins.length).toBeGreaterThan(0)
  expect(rejoins.at(-1)!.replica).not.toBe(runner)
  console.log(
    `replica ${runner} killed → the frame showed the cut answer after ${took} ms (rejoin through ${rejoins.at(-1)!.replica}, Last-Event-ID ${rejoins.at(-1)!.lastEventId})`,
  )

  const retry = h.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/runs/stream'))
  await cut.getByRole('button', { name: 'Retry' }).click()
  expect((await retry).headers()['x-chatkit-replica']).not.toBe(runner)
  await expect(cut).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  const stored = await storedMessages({ origin: world.origin, mintSecret: world.mintSecret }, h.user, thread)
  expect(stored.map((m) => [m.role, m.status])).toEqual([
    ['human', 'success'],
    ['ai', 'success'],
    ['human', 'success'],
    ['ai', 'success'],
  ])
  expect(storedText(stored[3])).toMatch(/^## You asked: second question/)
  await killed.start()
})

test('Stop while the agent runs on another replica stops it within 1 s', async ({ page }) => {
  const h = await open(page)
  const answer = assistant(h.frame).nth(0)
  const runner = await askOn(h, LONG)
  const stopper = other(runner)
  await pin(page, /\/runs\/[^/]+\/cancel$/, stopper, 'POST')
  await expect(answer).toContainText('You asked', { timeout: 10_000 })
  const cancel = page.waitForResponse((r) => r.url().endsWith('/cancel'))
  const stoppedAt = Date.now()
  await h.frame.locator('button[aria-label="Stop"]').click()
  await expect(answer).toHaveAttribute('data-status', 'cancelled', { timeout: 1_000 })
  const took = Date.now() - stoppedAt
  expect((await cancel).headers()['x-chatkit-replica']).toBe(stopper)
  const stored = await storedMessages({ origin: world.origin, mintSecret: world.mintSecret }, h.user, await threadId(h.page))
  expect(stored.at(-1)!.status).toBe('cancelled')
  console.log(`Stop through ${stopper} of the run on ${runner}: cancelled on screen after ${took} ms`)
})

// The reloaded frame finds the thread's active run in the history and rejoins it (GET …/runs/{id}/stream).
test('a reload mid-answer reattaches through a different replica and ends with exactly the stored text', async ({ page }) => {
  const h = await open(page)
  const runner = await askOn(h, LONG)
  await expect(assistant(h.frame).nth(0)).toContainText('You asked', { timeout: 10_000 })
  const thread = await threadId(h.page)
  const user = h.user
  // Every request of the reloaded page goes to another replica than the one running the agent.
  const rejoinOn = other(runner)
  await pin(page, /\/api\/ai\//, rejoinOn)
  const seen = servedBy(page)
  await page.reload()
  await waitForReady(page)
  await page.evaluate((id) => (window as any).__chatkit.setThreadId(id), thread)
  const answer = assistant(h.frame).nth(0)
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  expect(seen.some((s) => s.method === 'GET' && /\/runs\/[^/]+\/stream$/.test(s.path))).toBe(true)
  expect(new Set(seen.map((s) => s.replica))).toEqual(new Set([rejoinOn]))
  const stored = await storedMessages({ origin: world.origin, mintSecret: world.mintSecret }, user, thread)
  expect(stored.at(-1)!.status).toBe('success')
  // Rendered markdown against the stored source: the same letters and digits, in the same order
  // (a link shows its label, not its target; a code block's Copy button is not the answer's text).
  const letters = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '')
  const shown = await answer.locator('.ck-part').evaluateAll((parts) =>
    parts
      .map((p) => {
        const c = p.cloneNode(true) as Element
        for (const b of c.querySelectorAll('button')) b.remove()
        return c.textContent
      })
      .join(''),
  )
  expect(letters(shown)).toBe(letters(storedText(stored.at(-1)!).replace(/\]\([^)]*\)/g, ']')))
})

test('two tabs on different replicas sending to one thread: every message stored and shown once, one queued behind the other', async ({ browser }) => {
  const context = await browser.newContext()
  const [p1, p2] = [await context.newPage(), await context.newPage()]
  let queued = 0
  context.on('response', (r) => r.request().method() === 'POST' && r.url().endsWith('/runs/stream') && r.status() === 202 && queued++)
  const user = `tabs-${Date.now().toString(36)}`
  await pin(p1, /\/api\/ai\//, 'r0')
  await pin(p2, /\/api\/ai\//, 'r1')
  const t1 = await open(p1, 0, user)
  await ask(t1.frame, 'first question')
  await expect(assistant(t1.frame).nth(0)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const thread = await threadId(t1.page)
  const t2 = await open(p2, 1, user)
  await p2.evaluate((id) => (window as any).__chatkit.setThreadId(id), thread)
  await expect(assistant(t2.frame)).toHaveCount(1)

  const sent = ['first question', 'tab 1 on r0', 'tab 2 on r1']
  await Promise.all([ask(t1.frame, sent[1]), ask(t2.frame, sent[2])])
  const rendered = (h: Host) => h.frame.locator('article[data-message-role]').evaluateAll((els) => els.map((el) => el.getAttribute('data-message-id')))
  const world_ = { origin: world.origin, mintSecret: world.mintSecret }
  await expect
    .poll(
      async () => {
        const stored = await storedMessages(world_, user, thread)
        const ids = JSON.stringify(stored.map((m) => m.id))
        const done = stored.length === 6 && stored.every((m) => m.status === 'success')
        return done && JSON.stringify(await rendered(t1)) === ids && JSON.stringify(await rendered(t2)) === ids
      },
      { timeout: 40_000, message: 'both tabs show the stored transcript' },
    )
    .toBe(true)
  const stored = await storedMessages(world_, user, thread)
  expect(
    stored
      .filter((m) => m.role === 'human')
      .map((m) => m.content)
      .sort(),
  ).toEqual([...sent].sort())
  expect(stored.map((m) => m.role)).toEqual(['human', 'ai', 'human', 'ai', 'human', 'ai'])
  expect(queued).toBe(1)
  await context.close()
})

test('PostgreSQL down while idle: the frame shows the service banner and the failed send (no crash); once it is back the banner goes and the next message is answered', async ({
  page,
}) => {
  const h = await open(page)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  await ask(h.frame, 'before the outage')
  await expect(assistant(h.frame).nth(0)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const banner = h.frame.locator('.ck-banner-service')
  await world.pg.pause()
  try {
    await ask(h.frame, 'during the outage')
    await expect(banner).toHaveText('The server cannot reach its storage right now. It is retrying on its own; try again in a moment.')
    await expect(banner).toHaveAttribute('data-code', 'store_unavailable')
  } finally {
    await world.pg.start()
  }
  // The send failed with the error shown (nothing stored); once the database is back the next one goes through and the banner goes.
  await expect(assistant(h.frame).last().locator('.ck-error')).toBeVisible()
  await ask(h.frame, 'after the outage')
  await expect(h.frame.locator('.ck-user-text', { hasText: 'after the outage' })).toHaveCount(1)
  await expect(assistant(h.frame).last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(banner).toHaveCount(0)
  const stored = await storedMessages({ origin: world.origin, mintSecret: world.mintSecret }, h.user, await threadId(h.page))
  expect(stored.map((m) => [m.role, m.status])).toEqual([
    ['human', 'success'],
    ['ai', 'success'],
    ['human', 'success'],
    ['ai', 'success'],
  ])
  expect(stored.filter((m) => m.role === 'human').map((m) => m.content)).toEqual(['before the outage', 'after the outage'])
  expect(problems).toEqual([])
})

test('history, search, rename, delete, feedback and uploads work whichever replica answers (round-robin)', async ({ page }) => {
  const options = {
    threadItemActions: { feedback: true },
    composer: { attachments: { enabled: true, maxSize: 1_000_000, maxCount: 3, accept: { 'text/plain': ['.txt'] } } },
  }
  const h = await open(page, 0, undefined, options)
  const seen = servedBy(page)
  const runs: { input: { input: { files?: { id: string }[] } } }[] = []
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/runs/stream') && runs.push(r.postDataJSON()))
  const f = h.frame
  const send = async (text: string, newThread: boolean) => {
    await h.page.evaluate(([t, n]) => (window as any).__chatkit.sendUserMessage({ text: t, newThread: n }), [text, newThread] as const)
    await expect(assistant(h.frame).last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(f.locator('.ck-user-text', { hasText: text })).toHaveCount(1)
    return threadId(h.page)
  }

  // Upload, then send with it; the bytes are readable through every replica (one shared data dir).
  await f.locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.alloc(2000, 'n') })
  await expect(f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.fill('First conversation about gardening')
  await input.press('Enter')
  await expect(assistant(h.frame).last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const first = await threadId(h.page)
  const fileId = runs[0].input.input.files![0].id
  const secret = await world.mintSecret(h.user)
  for (const r of world.replicas) {
    const res = await fetch(`${world.origin}/api/ai/contexts/file/${fileId}`, { headers: { authorization: `Bearer ${secret}`, 'x-chatkit-replica': r.name } })
    expect(res.status, r.name).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBe(2000)
  }

  // Feedback reaches the server and comes back with the thread.
  await assistant(h.frame).last().getByRole('button', { name: 'Good answer' }).click()
  await expect(assistant(h.frame).last().getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true')
  const second = await send('Second conversation about sailing', true)
  expect(second).not.toBe(first)

  // History: both listed, server search, rename, delete.
  await f.getByRole('button', { name: 'Conversation history' }).click()
  const panel = f.getByRole('region', { name: 'History' })
  const items = panel.locator('.ck-history-item')
  await expect(items).toHaveCount(2)
  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('sailing')
  await expect(panel.locator('.ck-history-item-title')).toHaveText(['Second conversation about sailing'])
  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('')
  await expect(items).toHaveCount(2)
  await panel
    .locator(`[data-conversation-id="${first}"]`)
    .getByRole('button', { name: /^Rename/ })
    .click()
  await panel.getByRole('textbox', { name: 'New title' }).fill('Renamed garden chat')
  await page.keyboard.press('Enter')
  await expect(panel.locator(`[data-conversation-id="${first}"] .ck-history-item-title`)).toHaveText('Renamed garden chat')
  await panel
    .locator(`[data-conversation-id="${second}"]`)
    .getByRole('button', { name: /^Delete/ })
    .click()
  await panel.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(items).toHaveCount(1)
  await panel.locator('.ck-history-item').first().click()
  await expect(f.locator('.ck-user-text')).toHaveText(['First conversation about gardening'])
  await expect(assistant(h.frame).last().getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'true')

  // What the server holds, asked through each replica in turn.
  for (const r of world.replicas) {
    const get = (path: string) => fetch(`${world.origin}/api/ai${path}`, { headers: { authorization: `Bearer ${secret}`, 'x-chatkit-replica': r.name } })
    expect((await (await get(`/conversations/${first}`)).json()).title, r.name).toBe('Renamed garden chat')
    expect((await get(`/conversations/${second}`)).status, r.name).toBe(404)
  }
  // Round-robin really spread the frame's requests.
  expect(new Set(seen.map((s) => s.replica)).size).toBe(3)
})
