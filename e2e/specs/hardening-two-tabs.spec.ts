/**
 * Two tabs on one thread: two pages of one browser (one user) embed the demo chat on the same
 * thread (`initialThread`); one sends while the other watches it live, then both send at the same
 * moment, several rounds. The server is the source
 * of truth: one message streams, the other is queued by the server (202) and answered next. Each
 * frame announces its runs to the other (BroadcastChannel), which re-reads the thread when idle.
 * Expected: both tabs end with the same rendered transcript, equal to the server's stored
 * messages, every user message exactly once, no error anywhere.
 */
import { expect, test, type Frame, type Page } from '@playwright/test'
import { record, scale } from '../../scripts/hardening-report.mjs'
import { E2E } from '../support/ports.js'
import { chatFrame, events, frameOf, lastAnswer, method, openHost, PAGES } from '../support/sdk-host.js'

const ROUNDS = scale(2, 8)

type Row = { id: string; role: string; text: string }

/** What a tab shows: its messages in order, with the user messages' text. */
const rendered = (page: Page): Promise<Row[]> =>
  chatFrame(page)
    .locator('article[data-message-role]')
    .evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-message-id') ?? '',
        role: el.getAttribute('data-message-role') === 'user' ? 'human' : 'ai',
        text: el.getAttribute('data-message-role') === 'user' ? (el.querySelector('.ck-user-text')?.textContent ?? '').trim() : '',
      })),
    )

async function stored(secret: string, threadId: string): Promise<(Row & { status: string })[]> {
  const res = await fetch(`${E2E.api}/api/ai/conversations/${threadId}/messages?limit=100&offset=0`, { headers: { authorization: `Bearer ${secret}` } })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { items: { id: string; role: string; content: unknown; status: string }[] }
  return body.items.map((m) => ({ id: m.id, role: m.role, text: m.role === 'human' ? String(m.content) : '', status: m.status }))
}

test('two tabs on one thread: concurrent sends, each message once, both tabs show the stored transcript', async ({ page, context }) => {
  test.setTimeout(scale(90_000, 360_000))
  const problems: string[] = []
  let queued = 0
  const watch = (p: Page) => {
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    p.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} (${m.location().url})`))
  }
  watch(page)
  context.on('page', watch)
  context.on('response', (r) => r.request().method() === 'POST' && r.url().endsWith('/runs/stream') && r.status() === 202 && queued++)

  // One user (the demo site's cookie, shared by the browser's pages) and one thread, made through the API.
  const session = await fetch(`${E2E.demo}/api/create-session`, { method: 'POST' })
  await context.addCookies([{ name: 'demo_uid', value: /demo_uid=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1], url: E2E.demo }])
  const secret = ((await session.json()) as { client_secret: string }).client_secret
  const created = await fetch(`${E2E.api}/api/ai/threads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: '{}',
  })
  const threadId = ((await created.json()) as { thread_id: string }).thread_id
  // Two tabs on it.
  const tab2 = await context.newPage()
  await openHost(page, PAGES.vanilla, { initialThread: threadId })
  await openHost(tab2, PAGES.vanilla, { initialThread: threadId })
  for (const p of [page, tab2]) await expect.poll(() => events(p, 'thread.load.end')).toHaveLength(1)

  const sent: string[] = []
  // For a failure's message: the last poll's view, and the API requests the tabs made.
  let last: unknown
  const reqs: string[] = []
  context.on('request', (r) => r.url().includes('/api/ai/') && reqs.push(`${r.method()} ${r.url().replace(E2E.api, '')}`))
  // Live: tab 2, idle, shows tab 1's question while tab 1's answer is still streaming. Each frame
  // notes the moment itself (one browser clock), so the test's own pace cannot blur the order.
  sent.push('tab 1 alone')
  const when = (f: Frame, selector: string) =>
    f.evaluate((sel) => {
      const t = setInterval(() => document.querySelector(sel) && ((window as unknown as { __at: number }).__at = Date.now()) && clearInterval(t), 10)
    }, selector)
  await when(frameOf(tab2), 'article[data-message-role="user"]')
  await when(frameOf(page), 'article[data-message-role="assistant"][data-status="done"]')
  await method(page, 'sendUserMessage', { text: 'tab 1 alone' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
  await expect(chatFrame(tab2).locator('.ck-user-text', { hasText: 'tab 1 alone' })).toBeVisible()
  const at = (f: Frame) => f.evaluate(() => (window as unknown as { __at: number }).__at)
  expect(await at(frameOf(tab2))).toBeLessThan(await at(frameOf(page)))

  for (let round = 0; round < ROUNDS; round++) {
    const texts = [`tab 1 round ${round}`, `tab 2 round ${round}`]
    sent.push(...texts)
    const results = await Promise.all([method(page, 'sendUserMessage', { text: texts[0] }), method(tab2, 'sendUserMessage', { text: texts[1] })])
    expect(results).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ])
    // Settled: the server has both answers, done, and both tabs show exactly what it stored.
    await expect
      .poll(
        async () => {
          const server = await stored(secret, threadId)
          const done = server.length === sent.length * 2 && server.every((m) => m.status === 'success')
          const want = JSON.stringify(server.map(({ id, role }) => ({ id, role })))
          const [a, b] = await Promise.all([rendered(page), rendered(tab2)])
          const same = (r: Row[]) => JSON.stringify(r.map(({ id, role }) => ({ id, role }))) === want
          last = { server, a, b }
          return done && same(a) && same(b)
        },
        { timeout: 30_000, message: `round ${round}: both tabs show the server's transcript` },
      )
      .toBe(true)
      .catch((e) => {
        throw new Error(`${e.message}\n${threadId}\n${JSON.stringify(reqs)}\n${JSON.stringify(last)}`)
      })
  }

  const server = await stored(secret, threadId)
  const humans = server.filter((m) => m.role === 'human').map((m) => m.text)
  const tabs = await Promise.all([rendered(page), rendered(tab2)])
  const count = (xs: string[], t: string) => xs.filter((x) => x === t).length
  const shown = tabs.map((r) => r.filter((m) => m.role === 'human').map((m) => m.text))
  const duplicated = sent.filter((t) => count(humans, t) > 1 || shown.some((s) => count(s, t) > 1)).length
  const lost = sent.filter((t) => count(humans, t) === 0).length
  record(
    'two tabs',
    { messages: sent.length, duplicated, lost },
    `${ROUNDS} rounds of concurrent sends; ${queued} messages queued by the server behind the other tab's run`,
  )

  expect(humans.sort()).toEqual([...sent].sort())
  // Question, answer, question, answer: every answer right after its question.
  expect(server.map((m) => m.role)).toEqual(sent.flatMap(() => ['human', 'ai']))
  for (const s of shown) expect([...s].sort()).toEqual([...sent].sort())
  expect({ duplicated, lost }).toEqual({ duplicated: 0, lost: 0 })
  // The sends really were concurrent: some had to wait for the other tab's run.
  expect(queued).toBeGreaterThan(0)
  expect([...(await events(page, 'error')), ...(await events(tab2, 'error'))]).toEqual([])
  expect(problems).toEqual([])
})
