/**
 * Hardening, credentials (issue 7): client secrets that expire between messages and mid-answer,
 * and a host whose `api.getClientSecret` fails. The host page's `getClientSecret` runs here (Node)
 * and mints secrets that live 2 s, so every step below crosses an expiry. Checked each time: no
 * error shown, no `error` event, the host asked only for stale secrets and only once per stale
 * secret, and every user message stored exactly once on the server (read back with a fresh secret).
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import { expect, test, type FrameLocator } from '@playwright/test'
import { record, scale } from '../../scripts/hardening-report.mjs'
import { answers, aroundBrowser, openHost, shownThreadId, type Host } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { mintSecret } from '../support/secrets.js'

test.use(aroundBrowser)
// Each test waits out several 2 s secrets on purpose.
test.describe.configure({ timeout: 120_000 })

const TTL_S = 2

type Mode = 'ok' | 'throw' | 'garbage' | 'refused'

/** The host's `getClientSecret`: mints short-lived secrets for one user, or fails as `mode` says. */
function secretHost(user: string, assistant = 'demo') {
  const h = {
    user,
    assistant,
    mode: 'ok' as Mode,
    /** Every call: the `current` secret the frame passed, and when. */
    calls: [] as { current: string | null; at: number }[],
    /** When each minted secret expires (ms). */
    expiry: new Map<string, number>(),
    async getClientSecret(current: string | null): Promise<unknown> {
      h.calls.push({ current, at: Date.now() })
      if (h.mode === 'throw') throw new Error('session backend down (e2e 5c1)')
      if (h.mode === 'garbage') return { token: 'not the right shape' }
      // Well-formed, but no server ever issued it: the API answers 401.
      if (h.mode === 'refused') return 'cs-x-' + '0'.repeat(64)
      const secret = await mintSecret(user, { assistant, ttl: TTL_S })
      h.expiry.set(secret, Date.now() + TTL_S * 1000)
      return secret
    },
    /** Waits until every secret minted so far has expired. */
    async outlive(page: Host['page']) {
      // Again if the frame got a new secret meanwhile (a background read after an expiry).
      for (let last = -1; last !== Math.max(0, ...h.expiry.values()); ) {
        last = Math.max(0, ...h.expiry.values())
        await page.waitForTimeout(Math.max(0, last - Date.now()) + 300)
      }
    },
    /** The frame asked only for secrets that had expired (or that the API refused), and never twice for the same one. */
    checkRefreshes() {
      const stale = h.calls.map((c) => c.current).filter((c): c is string => c !== null)
      expect(new Set(stale).size, 'one host call per stale secret').toBe(stale.length)
      for (const c of h.calls) {
        if (c.current && h.expiry.has(c.current)) expect(c.at, 'refreshed only after expiry').toBeGreaterThanOrEqual(h.expiry.get(c.current)!)
      }
      expect(h.calls.filter((c) => c.current === null)).toHaveLength(1)
    },
  }
  return h
}

/** The user messages the server stored for the thread, read with a fresh secret of the same user. */
async function storedUserTexts(h: { user: string; assistant: string }, threadId: string): Promise<string[]> {
  const secret = await mintSecret(h.user, { assistant: h.assistant, ttl: 60 })
  const res = await fetch(`${E2E.api}/api/ai/conversations/${threadId}/messages?limit=100`, { headers: { authorization: `Bearer ${secret}` } })
  expect(res.status).toBe(200)
  const items = ((await res.json()) as { items: { role: string; content: unknown }[] }).items
  return items.filter((m) => m.role === 'human').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
}

/** The ratings the server stored for a message. */
async function storedFeedback(h: { user: string; assistant: string }, threadId: string, messageId: string): Promise<string[]> {
  const secret = await mintSecret(h.user, { assistant: h.assistant, ttl: 60 })
  const res = await fetch(`${E2E.api}/api/ai/conversations/${threadId}/messages/${messageId}/feedbacks`, { headers: { authorization: `Bearer ${secret}` } })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { items?: { rating: string }[] } | { rating: string }[]
  return (Array.isArray(body) ? body : (body.items ?? [])).map((f) => f.rating)
}

/** Duplicated and lost user messages: the server's list against what was sent, in order. */
function tally(sent: string[], stored: string[]) {
  const duplicated = sent.reduce((n, t) => n + Math.max(0, stored.filter((s) => s === t).length - 1), 0)
  const lost = sent.filter((t) => !stored.includes(t)).length
  return { duplicated, lost }
}

const input = (f: FrameLocator) => f.getByRole('textbox', { name: 'Message' })
// A message's text (its toolbar — actions, and its time once hovered or focused — is not part of it).
const userMessages = (f: FrameLocator) => f.locator('article[data-message-role="user"] .ck-user-text')
const answerText = async (f: FrameLocator) => (await answers(f).first().locator('.ck-part').allTextContents()).join('\n')

async function type(f: FrameLocator, text: string) {
  await input(f).fill(text)
  await input(f).press('Enter')
}

/** A TCP proxy in front of the API that can cut the answer streams passing through it. */
async function cuttingProxy(port: number) {
  const streams = new Set<Socket>()
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(E2E.apiPort, '127.0.0.1')
    for (const s of [client, upstream]) sockets.add(s), s.on('close', () => sockets.delete(s))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    client.on('data', (chunk: Buffer) => {
      // A keep-alive socket carries one request after another: track what it carries now.
      const line = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS) (\S+)/.exec(chunk.subarray(0, 300).toString('latin1'))
      if (line) /\/runs\/(stream|[^/]+\/stream)/.test(line[2]) ? streams.add(client) : streams.delete(client)
      upstream.write(chunk)
    })
    client.on('close', () => streams.delete(client))
    upstream.pipe(client)
    client.on('end', () => upstream.end())
  })
  await new Promise<void>((resolve, reject) => (server.once('error', reject), server.listen(port, '127.0.0.1', () => resolve())))
  return {
    origin: `http://127.0.0.1:${port}`,
    /** Destroys every connection carrying an answer stream now; returns how many. */
    cut: () => {
      const n = streams.size
      streams.forEach((s) => {
        s.destroy()
      })
      streams.clear()
      return n
    },
    close: () =>
      new Promise<void>(
        (r) => (
          sockets.forEach((s) => {
            s.destroy()
          }),
          server.close(() => r())
        ),
      ),
  }
}

async function noErrors(host: Host) {
  expect(await host.eventsNamed('error')).toEqual([])
  await expect(host.frame.locator('[role="alert"]')).toHaveCount(0)
}

test('secrets expiring between messages: refreshed through the host, nothing shown, each message stored once', async ({ page }) => {
  // The `bench` agent answers at once: every expiry falls between messages.
  const h = secretHost(`cred-between-${Date.now().toString(36)}`, 'bench')
  const host = await openHost(page, {
    user: h.user,
    options: { api: { xpertId: 'bench' } },
    callbacks: { 'api.getClientSecret': (c: string | null) => h.getClientSecret(c) },
  })
  const f = host.frame
  const sent: string[] = []
  const rounds = scale(2, 6)
  for (let i = 0; i < rounds; i++) {
    if (i > 0) await h.outlive(page)
    const text = `message ${i + 1} between expiries`
    sent.push(text)
    await type(f, text)
    await expect(answers(f).nth(i)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  }
  await noErrors(host)
  h.checkRefreshes()
  // One host call to start, then at least one per expiry crossed; checkRefreshes: each for a stale secret, once.
  expect(h.calls.length).toBeGreaterThanOrEqual(rounds)
  const stored = await storedUserTexts(h, await shownThreadId(host.page))
  expect(stored).toEqual(sent)
  await expect(userMessages(f)).toHaveText(sent)
  const { duplicated, lost } = tally(sent, stored)
  record('credentials', { messages: sent.length, duplicated, lost }, `${rounds} messages, each after a ${TTL_S} s secret expired; ${h.calls.length} host calls`)
})

test('a secret expiring mid-answer: the stream goes on, a cut stream rejoins, stop, feedback, the next message and history refresh', async ({ page }) => {
  const proxy = await cuttingProxy(E2E.extraPort(3))
  try {
    const h = secretHost(`cred-mid-${Date.now().toString(36)}`)
    const host = await openHost(page, {
      user: h.user,
      options: { frameUrl: proxy.origin + '/chatkit/', api: { apiUrl: proxy.origin + '/api/ai' }, threadItemActions: { feedback: true } },
      callbacks: { 'api.getClientSecret': (c: string | null) => h.getClientSecret(c) },
    })
    const f = host.frame
    const sent = ['write something long for me']
    await type(f, sent[0])
    const answer = answers(f).first()
    await expect(answer).toHaveAttribute('data-status', 'streaming')
    const length = async () => ((await answer.textContent()) ?? '').length

    // The secret expires while the answer streams: the open stream is not cut.
    await h.outlive(page)
    const atExpiry = await length()
    await expect.poll(length).toBeGreaterThan(atExpiry + 50)
    await expect(answer).toHaveAttribute('data-status', 'streaming')

    // The connection drops: the rejoin (Last-Event-ID) meets a 401, refreshes, and goes on.
    expect(proxy.cut()).toBe(1)
    const atCut = await length()
    await expect.poll(length, { timeout: 15_000 }).toBeGreaterThan(atCut + 50)
    await expect(answer).toHaveAttribute('data-status', 'streaming')

    // Expired again; Stop's cancel refreshes and the server confirms it.
    await h.outlive(page)
    await f.getByRole('button', { name: 'Stop' }).click()
    await expect(answer).toHaveAttribute('data-status', 'cancelled', { timeout: 15_000 })

    // Feedback after another expiry.
    await h.outlive(page)
    const like = answer.getByRole('button', { name: 'Good answer' })
    await like.click()
    await expect(like).toHaveAttribute('aria-pressed', 'true')

    // The next message after another expiry.
    await h.outlive(page)
    sent.push('and one more after the stop')
    await type(f, sent[1])
    await expect(answers(f).nth(1)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })

    // History: the thread read again after another expiry shows the same, once.
    const id = await shownThreadId(host.page)
    const shown = await answerText(f)
    expect(shown.length).toBeGreaterThan(100)
    await h.outlive(page)
    await host.call('setThreadId', null)
    await expect(userMessages(f)).toHaveCount(0)
    await host.call('setThreadId', id)
    await expect(userMessages(f)).toHaveText(sent)
    await expect(answers(f)).toHaveCount(2)
    await expect(answers(f).first()).toHaveAttribute('data-status', 'cancelled')
    await expect.poll(() => answerText(f)).toBe(shown)
    const answerId = await answers(f).first().getAttribute('data-message-id')
    expect(await storedFeedback(h, id, answerId!)).toEqual(['like'])

    await noErrors(host)
    h.checkRefreshes()
    const stored = await storedUserTexts(h, id)
    expect(stored).toEqual(sent)
    const { duplicated, lost } = tally(sent, stored)
    record(
      'credentials',
      { messages: sent.length, cuts: 1, duplicated, lost },
      `mid-answer expiry + a cut stream rejoined; stop, feedback, next message and history each after an expiry; ${h.calls.length} host calls`,
    )
  } finally {
    await proxy.close()
  }
})

test('a host whose getClientSecret fails: a localized banner with the cause and Retry; nothing typed is lost; it recovers', async ({ page }) => {
  const h = secretHost(`cred-fail-${Date.now().toString(36)}`, 'bench')
  h.mode = 'throw'
  const host = await openHost(page, {
    user: h.user,
    options: { locale: 'fr', api: { xpertId: 'bench' } },
    callbacks: { 'api.getClientSecret': (c: string | null) => h.getClientSecret(c) },
  })
  const f = host.frame
  const banner = f.locator('.ck-session[role="alert"]')
  const sent = ['first, while the host is down']

  // The frame asks for its secret once idle after loading: the host's failure shows (in French,
  // with the cause) before anything is typed.
  await expect.poll(() => h.calls.length).toBe(1)
  await expect(banner).toContainText('Connexion impossible : votre session n’a pas pu être renouvelée.')
  await expect(banner).toContainText('session backend down (e2e 5c1)')
  // A send asks the host again (as Retry does); still failing, the message waits.
  await type(f, sent[0])
  await expect.poll(() => h.calls.length).toBe(2)
  await expect(userMessages(f)).toHaveText(sent)
  await expect(banner).toContainText('session backend down (e2e 5c1)')
  // The host SDK reports its callback's throw itself; the frame's own event names the failed renewal.
  const failed = { code: 'callback_failed', message: 'api.getClientSecret failed in the host: api.getClientSecret: session backend down (e2e 5c1)' }
  const frameErrors = async () => (await host.eventsNamed('error')).filter((e) => !String(e.message).startsWith('api.getClientSecret: '))
  await expect.poll(frameErrors).toEqual([failed, failed])
  expect(await host.eventsNamed('thread.change')).toEqual([])
  // No loop: once the frame has reported both failures (above) it waits; the host was asked twice.
  expect(h.calls).toHaveLength(2)

  // Retry while still failing: asked once more, reported once more.
  await banner.getByRole('button', { name: 'Réessayer' }).click()
  await expect.poll(() => h.calls.length).toBe(3)
  await expect(banner).toBeVisible()
  await expect.poll(async () => (await frameErrors()).length).toBe(3)

  // The host works again; Retry sends the waiting message, once.
  h.mode = 'ok'
  await banner.getByRole('button', { name: 'Réessayer' }).click()
  await expect(banner).toHaveCount(0)
  await expect(answers(f).first()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })

  // Garbage from the host on the next refresh: the banner again, this time for the shape.
  await h.outlive(page)
  h.mode = 'garbage'
  const atGarbage = h.calls.length
  sent.push('second, after the secret expired')
  await type(f, sent[1])
  await expect(banner).toContainText('an object without a secret')
  await expect(banner).not.toContainText('not the right shape')
  // A secret the API refuses: one try, then the banner again (no loop).
  h.mode = 'refused'
  const before = h.calls.length
  await banner.getByRole('button', { name: 'Réessayer' }).click()
  await expect(banner).toContainText('the API refused the secret from api.getClientSecret')
  // Settled once the frame reported it; by then the host was asked exactly once more.
  await expect.poll(async () => (await frameErrors()).slice(3).map((e) => e.code)).toEqual(['client_secret', 'client_secret'])
  expect(h.calls.length).toBe(before + 1)

  // The host works again; this time the user just sends: the waiting message goes first, then this one.
  h.mode = 'ok'
  sent.push('third, sent while the banner showed')
  await type(f, sent[2])
  await expect(banner).toHaveCount(0)
  await expect(answers(f)).toHaveCount(3, { timeout: 20_000 })
  await expect(answers(f).nth(2)).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(userMessages(f)).toHaveText(sent)
  // Every host call came from the start, a send, a Retry or an expiry; none on its own.
  expect(h.calls.slice(0, 4).map((c) => c.current)).toEqual([null, null, null, null])
  const stale = h.calls[atGarbage].current
  expect(stale).toMatch(/^cs-x-[0-9a-f]{64}$/)
  expect(h.expiry.has(stale!)).toBe(true)
  expect(h.calls.slice(atGarbage, atGarbage + 3).map((c) => c.current)).toEqual([stale, stale, 'cs-x-' + '0'.repeat(64)])

  const stored = await storedUserTexts(h, await shownThreadId(host.page))
  expect(stored).toEqual(sent)
  const { duplicated, lost } = tally(sent, stored)
  record(
    'credentials',
    { messages: sent.length, duplicated, lost },
    'getClientSecret throwing, returning garbage, and a refused secret; recovered by Retry and by the next send',
  )
})
