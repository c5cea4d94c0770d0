/**
 * `api.apiUrl` on another origin than the frame. Listed in the server's `--api-origins` (the e2e
 * server lists extraPort 2): the frame's CSP connect-src allows it, and a whole conversation —
 * streaming and Stop included — runs through a CORS proxy there. Not listed: `chatkit.error`
 * names the CSP and the option to set.
 */
import http from 'node:http'
import { Readable } from 'node:stream'
import { expect, test } from '@playwright/test'
import { E2E } from '../support/ports.js'
import { chatFrame, events, lastAnswer, method, openHost } from '../support/sdk-host.js'

const PROXY_PORT = E2E.extraPort(2)
const PROXY = `http://127.0.0.1:${PROXY_PORT}`

/** Forwards /api/ai/* to the e2e API, answering CORS for the frame's origin. */
function startProxy(): Promise<{ close(): Promise<void>; seen: string[] }> {
  const seen: string[] = []
  const cors = {
    'access-control-allow-origin': E2E.api,
    'access-control-allow-headers': 'authorization, x-api-key, content-type, accept-language, organization-id, last-event-id',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    'access-control-expose-headers': 'x-run-id, x-keep-alive-ms, content-type, location, retry-after',
  }
  const server = http.createServer(async (req, res) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end()
    seen.push(`${req.method} ${req.url}`)
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const headers: Record<string, string> = {}
    for (const h of ['authorization', 'x-api-key', 'content-type', 'accept-language', 'organization-id', 'last-event-id']) {
      if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string
    }
    const up = await fetch(E2E.api + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    const out: Record<string, string> = { ...cors }
    up.headers.forEach((v, k) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k) && !k.startsWith('access-control-')) out[k] = v
    })
    res.writeHead(up.status, out)
    if (up.body) Readable.fromWeb(up.body as never).pipe(res)
    else res.end()
  })
  return new Promise((resolve) =>
    server.listen(PROXY_PORT, '127.0.0.1', () =>
      resolve({ seen, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) }),
    ),
  )
}

const useApi = (page: import('@playwright/test').Page, apiUrl: string) =>
  page.evaluate((url) => {
    const w = window as unknown as { chat: { setOptions(o: unknown): Promise<void> }; options: { api: object } }
    w.options = { ...w.options, api: { ...w.options.api, apiUrl: url } }
    return w.chat.setOptions(w.options)
  }, apiUrl)

test('an API on another origin listed in --api-origins works, streaming and Stop included; an unlisted one is named with the CSP', async ({ page }) => {
  const proxy = await startProxy()
  try {
    await openHost(page)
    await useApi(page, `${PROXY}/api/ai`)
    await method(page, 'sendUserMessage', { text: 'hello across origins' })
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
    await method(page, 'sendUserMessage', { text: 'long please' })
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming')
    await method(page, 'stop')
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'cancelled')
    expect(proxy.seen.filter((s) => s.endsWith('/runs/stream'))).toHaveLength(2)
    expect(proxy.seen.some((s) => s.includes('/cancel'))).toBe(true)
    expect((await events(page, 'error')).map((e) => e.detail?.message)).toEqual([])

    const blocked = `http://127.0.0.1:${E2E.extraPort(1)}`
    await useApi(page, `${blocked}/api/ai`)
    await expect
      .poll(() => events(page, 'error'))
      .toContainEqual({
        name: 'error',
        detail: {
          code: 'invalid_options',
          message: expect.stringMatching(new RegExp(`api\\.apiUrl: ${blocked}.*Content-Security-Policy \\(connect-src\\).*--api-origins ${blocked}`)),
        },
      })
    await expect(chatFrame(page).locator('article[data-message-role="assistant"]')).toHaveCount(2)
  } finally {
    await proxy.close()
  }
})
