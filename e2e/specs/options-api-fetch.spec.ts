/**
 * `api.fetch` + `api.url` (OpenAI's custom backend): a host page whose own backend authenticates
 * by an HttpOnly COOKIE. With `api.fetch` the host page performs the frame's requests, so the
 * cookie goes along: the answer streams in live, Stop cancels the run on the server, a cut stream
 * rejoins with Last-Event-ID, an upload (`uploadStrategy: direct`) arrives, all through the host.
 * Without it the frame calls the same backend itself, without the cookie, and is refused.
 * With `api.fetch` the backend is on an origin the frame's CSP does not list (nothing complains:
 * the page makes the requests); the direct variant uses the one the e2e server lists in
 * --api-origins, so it is refused by the backend, not by the frame's CSP.
 */
import { expect, test, type Page } from '@playwright/test'
import { SDK_VERSION, startCookieBackend, type CookieBackend } from '../support/cookie-backend.js'
import { answers, chatFrame, pageEvents, waitForReady } from '../support/host.js'
import { E2E } from '../support/ports.js'

// With api.fetch: an origin the frame's CSP does NOT list (the host page makes the requests).
// Without: the origin the e2e server lists in --api-origins, so the backend itself refuses.
let backend: CookieBackend
let direct: CookieBackend
test.beforeAll(async () => {
  backend = await startCookieBackend(E2E.extraPort(4))
  direct = await startCookieBackend(E2E.extraPort(2))
})
test.afterAll(async () => {
  await backend?.close()
  await direct?.close()
})

type W = { __fetched: string[]; chat: Record<string, (...a: unknown[]) => Promise<unknown>> }
const errors = async (page: Page) => (await pageEvents(page)).filter((e) => e.name === 'error').map((e) => e.detail?.message)
const fetched = (page: Page) => page.evaluate(() => (window as unknown as W).__fetched)
const lastAnswer = (page: Page) => answers(chatFrame(page)).last()
const send = (page: Page, text: string) => page.evaluate((t) => (window as unknown as W).chat.sendUserMessage({ text: t }), text)

async function open(page: Page, query: string, on = backend) {
  await page.goto(`${on.origin}/?${query}`)
  await waitForReady(page, 15_000)
}

for (const sdk of ['module', 'classic'] as const) {
  test(`api.fetch (${sdk} SDK): cookie auth through the host page — live streaming, Stop, a cut stream resumed`, async ({ page }) => {
    await open(page, `fetch=1&sdk=${sdk}`)
    const from = backend.seen.length
    backend.cuts.length = 0

    // Streams live: some text is on screen while the answer is still streaming, more arrives after.
    await send(page, 'long please')
    const answer = lastAnswer(page)
    await expect(answer).toHaveAttribute('data-status', 'streaming')
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
    await expect.poll(async () => (await answer.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(40)
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
    const partial = (await answer.innerText()).length
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
    await expect.poll(async () => (await answer.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(partial + 40)
    await expect(answer).toHaveAttribute('data-status', 'streaming')

    // Stop through the host: the cancel reaches the server (2xx), the answer ends cancelled.
    await page.evaluate(() => (window as unknown as W).chat.stop())
    await expect(answer).toHaveAttribute('data-status', 'cancelled')
    await expect.poll(() => backend.seen.slice(from).find((s) => s.path.endsWith('/cancel'))?.status).toBe(202)
    expect(await fetched(page)).toContainEqual(expect.stringMatching(/^POST \/api\/ai\/threads\/[^/]+\/runs\/[^/]+\/cancel$/))

    // A stream cut just after its 3rd event with an id: the frame rejoins the run with Last-Event-ID, through the host.
    backend.cutNextStream(3)
    await send(page, 'hello again')
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    expect(backend.cuts).toEqual([expect.stringMatching(/^(POST|GET) \/api\/ai\/threads\/[^/]+\/runs\/(stream|[^/]+\/stream)$/)])
    const log = backend.seen.slice(from).map((s) => `${s.method} ${s.path} ${s.status} ${s.lastEventId ?? '-'}`)
    expect(
      backend.seen.slice(from).filter((s) => s.method === 'GET' && !!s.lastEventId),
      log.join('\n'),
    ).toEqual([expect.objectContaining({ cookie: true, status: 200 })])

    // Every API request went through the host page with the cookie; nothing failed.
    expect(backend.seen.slice(from).every((s) => s.cookie)).toBe(true)
    expect((await fetched(page)).every((f) => / \/api\/ai\//.test(f))).toBe(true)
    expect(await errors(page)).toEqual([])
  })
}

test('api.fetch with uploadStrategy direct: the upload goes through the host page to uploadUrl', async ({ page }) => {
  await open(page, 'fetch=1&upload=/api/ai/contexts/file')
  const from = backend.seen.length
  const f = chatFrame(page)
  await f
    .locator('input[type="file"]')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello through the host\n'.repeat(200)) })
  const item = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  await expect(item).toHaveAttribute('data-status', 'done', { timeout: 15_000 })
  await f.getByRole('textbox', { name: 'Message' }).fill('here is a file')
  await f.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  expect(backend.seen.slice(from).find((s) => s.path === '/api/ai/contexts/file')).toMatchObject({ method: 'POST', cookie: true, status: 200 })
  expect(await fetched(page)).toContain('POST /api/ai/contexts/file')
  expect(await errors(page)).toEqual([])
})

test('without api.fetch the frame calls the same backend itself, without the cookie, and is refused', async ({ page }) => {
  await open(page, 'secret=1', direct)
  const from = direct.seen.length
  await send(page, 'hello')
  await expect.poll(async () => (await errors(page)).join('\n'), { timeout: 15_000 }).toContain('this backend needs its session cookie')
  const seen = direct.seen.slice(from)
  expect(seen.length).toBeGreaterThan(0)
  expect(seen.every((s) => !s.cookie && s.status === 401)).toBe(true)
})

test('the shipped host half (host-fetch.js, as the server serves it) refuses URLs outside the configured API', async ({ page }) => {
  await open(page, 'fetch=1')
  const result = await page.evaluate(async (sdk) => {
    const { hostFetch } = await import(sdk)
    const called: string[] = []
    const api = { url: location.origin + '/api/ai', fetch: (u: string) => (called.push(u), fetch(u)) }
    const attempt = (url: string) =>
      hostFetch({ api }, 'open', Math.random(), url, { method: 'GET', headers: {} }).then(
        () => 'served',
        (e: Error) => e.message,
      )
    return {
      outside: await attempt(location.origin + '/session'),
      traversal: await attempt(location.origin + '/api/ai/../session'),
      otherSite: await attempt('https://example.com/api/ai/threads'),
      inside: await attempt(location.origin + '/api/ai/threads?limit=1'),
      called,
    }
  }, `${E2E.api}/chatkit/sdk/${SDK_VERSION}/host-fetch.js`)
  expect(result.outside).toMatch(/^api\.fetch: refused .*\/session/)
  expect(result.traversal).toMatch(/^api\.fetch: refused/)
  expect(result.otherSite).toMatch(/^api\.fetch: refused https:\/\/example\.com/)
  expect(result.inside).toBe('served')
  expect(result.called).toEqual([`${backend.origin}/api/ai/threads?limit=1`])
})
