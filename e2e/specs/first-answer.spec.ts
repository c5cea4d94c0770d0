/**
 * The first answer (issue 18), in real Chromium against the real server: `createChatKit` given a
 * plain `<div>` mounts the chat in it (and names what it got when it cannot); the frame fetches the
 * client secret ahead of need, so a first send works whether the secret is still on its way or
 * expired while the user was idle (renewed first when its expiry is known, after a 401 when not);
 * and the first message creates its conversation in the same request that starts the run, its
 * first words on screen before the chunks of the parts they do not need are even requested.
 */
import { expect, test, type FrameLocator, type Request } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { mintSession } from '../support/secrets.js'

test.use(aroundBrowser)
test.describe.configure({ timeout: 60_000 })

const TTL_S = 2

const input = (f: FrameLocator) => f.getByRole('textbox', { name: 'Message' })
const answer = (f: FrameLocator) => f.locator('article[data-message-role="assistant"]').last()
const user = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`

/** The API requests the frame makes (method, path with ids replaced, status). */
function apiLog(page: import('@playwright/test').Page) {
  const log: { method: string; path: string; status: number; req: Request }[] = []
  // Responses, not finished requests: the frame drops the body of a 401 unread.
  page.on('response', (res) => {
    const req = res.request()
    if (!req.url().startsWith(E2E.api + '/api/ai/')) return
    log.push({ method: req.method(), path: new URL(req.url()).pathname.replace(/[0-9a-f-]{36}/g, '<id>'), status: res.status(), req })
  })
  return log
}

/** A host page whose `getClientSecret` is `give` (each `current` it was passed is recorded). */
async function openWithSecrets(page: import('@playwright/test').Page, give: (current: string | null) => Promise<unknown>) {
  const calls: (string | null)[] = []
  const log = apiLog(page)
  const getClientSecret = async (current: string | null) => (calls.push(current), give(current))
  const host = await openHost(page, { callbacks: { 'api.getClientSecret': getClientSecret } })
  return { host, calls, log }
}

test('createChatKit with a <div> mounts the chat inside it, and it answers; the first message is one request', async ({ page }) => {
  const log = apiLog(page)
  const host = await openHost(page, { container: true })
  expect(await page.evaluate(() => document.querySelector('#box > xpertai-chatkit') === (window as any).__chatkit.element)).toBe(true)
  await input(host.frame).fill('hello from a div')
  await input(host.frame).press('Enter')
  await expect(answer(host.frame)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(answer(host.frame)).toContainText('hello from a div')
  // The conversation was created by the run request itself: no POST /threads before it.
  const writes = log.filter((r) => r.method !== 'GET' && !r.path.endsWith('/conversations/search'))
  expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/ai/threads/<id>/runs/stream 200'])
  expect(JSON.parse(writes[0].req.postData()!)).toMatchObject({ if_not_exists: 'create' })
  const [change] = await host.eventsNamed('thread.change')
  expect(writes[0].req.url()).toContain(`/threads/${change.threadId}/runs/stream`)
})

test('the first words come first: the Export menu’s and the icons’ chunks are fetched only once they are painted', async ({ page }) => {
  const host = await openHost(page)
  await expect(input(host.frame)).toBeVisible()
  const frame = await host.rawFrame()
  // When the answer's first words went into the page, in the frame's clock.
  await frame.evaluate(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('article[data-message-role="assistant"] .ck-md')?.textContent?.trim()) return
      ;(window as any).__firstWords = performance.now()
      seen.disconnect()
    })
    seen.observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await input(host.frame).fill('hello first')
  await input(host.frame).press('Enter')
  await expect(answer(host.frame)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  // Both parts came, after the words: the menu works and the icons are drawn.
  await expect(host.frame.getByRole('button', { name: 'Export conversation' })).toBeVisible()
  const t = await frame.evaluate(() => ({
    words: (window as any).__firstWords as number,
    fetched: performance.getEntriesByType('resource').map((e) => ({ file: e.name.split('/').pop()!, start: e.startTime })),
  }))
  const started = (file: RegExp) => t.fetched.find((f) => file.test(f.file))?.start
  expect(t.words).toBeGreaterThan(0)
  expect(started(/^extras-[\w-]+\.js$/)).toBeGreaterThan(t.words)
  expect(started(/^icon-set-[\w-]+\.js$/)).toBeGreaterThan(t.words)
})

test('createChatKit with what cannot work throws an error naming it, in the page', async ({ page }) => {
  await openHost(page)
  const errors = await page.evaluate(async () => {
    const { createChatKit } = await import('/sdk/chatkit.js' as string)
    const frameUrl = location.origin.replace(/:\d+$/, '') + ':1/chatkit/'
    const tries: [string, () => unknown][] = [
      ['missing', () => createChatKit({ element: document.getElementById('no-such-box'), frameUrl })],
      ['text', () => createChatKit({ element: document.body.appendChild(document.createTextNode('x')), frameUrl })],
      ['detached', () => createChatKit({ element: document.createElement('div'), frameUrl })],
      ['no frameUrl', () => createChatKit({ element: document.body })],
    ]
    return tries.map(([name, f]) => {
      try {
        f()
        return [name, 'no error']
      } catch (e) {
        return [name, `${(e as { code?: string }).code}: ${(e as Error).message}`]
      }
    })
  })
  const expected = 'invalid_options: createChatKit: element must be a container element in the page, or an <xpertai-chatkit>, got'
  expect(errors).toEqual([
    ['missing', `${expected} null`],
    ['text', `${expected} a #text node`],
    ['detached', `${expected} a detached <div>`],
    ['no frameUrl', 'invalid_options: frameUrl must be an http(s) URL, got undefined'],
  ])
  expect(await page.locator('xpertai-chatkit').count()).toBe(1)
})

test('a first send before the host gave any secret: the frame asked at boot, the message waits and goes once it arrives', async ({ page }) => {
  const name = user('first-nosecret')
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const { host, calls, log } = await openWithSecrets(page, async () => (await held, (await mintSession({ user: name, ttl: 600 })).client_secret))
  // Asked ahead of need, with nothing typed yet.
  await expect.poll(() => calls).toEqual([null])
  await input(host.frame).fill('sent before any secret')
  await input(host.frame).press('Enter')
  await expect(host.frame.locator('article[data-message-role="user"] .ck-user-text')).toHaveText(['sent before any secret'])
  expect(log).toEqual([])
  release()
  await expect(answer(host.frame)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(answer(host.frame)).toContainText('sent before any secret')
  expect(calls).toEqual([null])
  expect(log.map((r) => r.status)).not.toContain(401)
  expect(await host.eventsNamed('error')).toEqual([])
})

for (const known of [true, false]) {
  test(`a first send after the secret expired while idle (${known ? 'expiry known: renewed before the request' : 'expiry unknown: one 401, renewed, sent again'})`, async ({
    page,
  }) => {
    const name = user(`first-idle-${known}`)
    const minted: string[] = []
    const { host, calls, log } = await openWithSecrets(page, async () => {
      const s = await mintSession({ user: name, ttl: TTL_S })
      minted.push(s.client_secret)
      return known ? { secret: s.client_secret, expiresAt: s.expires_at } : s.client_secret
    })
    await expect.poll(() => calls).toEqual([null])
    // Idle past the expiry.
    await page.waitForTimeout(TTL_S * 1000 + 1200)
    await input(host.frame).fill('after an idle expiry')
    await input(host.frame).press('Enter')
    await expect(answer(host.frame)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(answer(host.frame)).toContainText('after an idle expiry')
    // The stale secret was handed back to the host once; the run went out with the new one.
    expect(calls.slice(0, 2)).toEqual([null, minted[0]])
    const runs = log.filter((r) => r.path.endsWith('/runs/stream'))
    expect(runs.map((r) => r.status)).toEqual(known ? [200] : [401, 200])
    expect(await runs.at(-1)!.req.headerValue('authorization')).toBe(`Bearer ${minted[1]}`)
    // Known expiries are renewed before they pass: no request of the whole exchange was refused.
    if (known) expect(log.filter((r) => r.status === 401)).toEqual([])
    expect(await host.eventsNamed('error')).toEqual([])
  })
}
