import { expect, test } from '@playwright/test'
import { mintSecret } from '../support/secrets.js'
import { E2E } from '../support/ports.js'
import { closeServer, serveRoutes } from '../support/static-server.js'

/**
 * The server's stream resume, from a real browser page on an allowed origin (CORS, SSE over
 * fetch): drop the connection mid-answer, rejoin with Last-Event-ID, and the text equals an
 * uninterrupted run's byte for byte.
 */
test('a dropped stream rejoined with Last-Event-ID gives the same text as an uninterrupted run', async ({ page }) => {
  const secret = await mintSecret()
  // A plain page on an allowed origin (the demo site's CSP would not let it call the API itself).
  const origin = `http://127.0.0.1:${E2E.extraPort(5)}`
  const pageServer = await serveRoutes(E2E.extraPort(5), { '/': { body: '<!doctype html><title>resume</title>', type: 'text/html' } })
  try {
    await page.goto(`${origin}/`)
    const result = await page.evaluate(
      async ({ api, secret }) => {
        const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
        const question = 'the same question, twice'
        const thread = async () => (await (await fetch(`${api}/threads`, { method: 'POST', headers, body: '{}' })).json()).thread_id as string
        const start = (id: string) =>
          fetch(`${api}/threads/${id}/runs/stream`, { method: 'POST', headers, body: JSON.stringify({ input: { input: { input: question } } }) })
        /** Reads SSE events; `stopAfter` texts then drops the connection. */
        async function read(res: Response, stopAfter = Infinity) {
          const reader = res.body!.getReader()
          const decoder = new TextDecoder()
          let buffer = ''
          let text = ''
          let lastId = ''
          let texts = 0
          for (;;) {
            const { done, value } = await reader.read()
            if (done) return { text, lastId, dropped: false }
            buffer += decoder.decode(value, { stream: true })
            let end: number
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              const id = /^id: (.+)$/m.exec(block)?.[1]
              const data = /^data: (.+)$/m.exec(block)?.[1]
              if (!id || !data) continue
              lastId = id
              const env = JSON.parse(data)
              if (env.type === 'message' && env.data.type === 'text') {
                text += env.data.text
                if (++texts === stopAfter) {
                  await reader.cancel()
                  return { text, lastId, dropped: true }
                }
              }
            }
          }
        }
        const whole = await read(await start(await thread()))
        const id = await thread()
        const first = await start(id)
        const runId = first.headers.get('x-run-id')
        const part = await read(first, 30)
        await new Promise((r) => setTimeout(r, 300))
        const rest = await read(await fetch(`${api}/threads/${id}/runs/${runId}/stream`, { headers: { ...headers, 'last-event-id': part.lastId } }))
        return { whole: whole.text, resumed: part.text + rest.text, dropped: part.dropped, runId }
      },
      { api: `${E2E.api}/api/ai`, secret },
    )
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.dropped).toBe(true)
    expect(result.whole.length).toBeGreaterThan(200)
    expect(result.resumed).toBe(result.whole)
  } finally {
    await closeServer(pageServer)
  }
})
