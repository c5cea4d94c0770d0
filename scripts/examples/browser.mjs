// The browser half of an example test: open the example's page in Debian Chromium, check that
// exactly one ChatKit iframe exists (StrictMode included), send a message and wait for the demo
// agent's answer to stream in (seen in a `streaming` state, then `done`).
import { chromium } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../chromium.mjs'
import { freePort, startBuiltServer } from '../local-server.mjs'

/** Opens `url`, chats once, and returns `{ iframes, answer, streamedStates }`; throws on a failure. */
export async function chatOnce(url, { message = 'Tell me about streaming' } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() })
  const errors = []
  try {
    const page = await browser.newPage()
    const log = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      log.push(`${m.type()}: ${m.text()}`)
      if (/violates the following Content Security Policy/.test(m.text())) errors.push(m.text())
    })
    page.on('requestfailed', (r) => log.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`))
    await page.goto(url)
    const input = page.frameLocator('xpertai-chatkit iframe').locator('textarea[aria-label="Message"]')
    await input.waitFor({ timeout: 30_000 })
    const frame = page.frames().find((f) => f.url().includes('/chatkit/'))
    if (!frame) throw new Error('no ChatKit frame in the page')
    await frame.evaluate(() => {
      const w = window
      w.__states = []
      new MutationObserver(() => {
        const a = [...document.querySelectorAll('article[data-message-role="assistant"]')].at(-1)
        const s = a?.getAttribute('data-status')
        if (s && s !== w.__states.at(-1)) w.__states.push(s)
      }).observe(document.body, { subtree: true, childList: true, attributes: true })
    })
    await input.fill(message)
    await input.press('Enter')
    const answer = page.frameLocator('xpertai-chatkit iframe').locator('article[data-message-role="assistant"][data-status="done"]').last()
    await answer.waitFor({ timeout: 30_000 }).catch(async (e) => {
      const shown = await page
        .frameLocator('xpertai-chatkit iframe')
        .locator('body')
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(): the rendered text, as a reader sees it
        .innerText()
        .catch(() => '')
      throw new Error(`${e.message}\nthe frame shows: ${shown.slice(0, 500)}\nbrowser log:\n${log.join('\n')}`)
    })
    const iframes = await page.evaluate(() =>
      [...document.querySelectorAll('xpertai-chatkit')].reduce(
        (n, el) => n + (el.shadowRoot?.querySelectorAll('iframe').length ?? 0),
        document.querySelectorAll('iframe').length,
      ),
    )
    return { iframes, answer: (await answer.textContent()) ?? '', states: await frame.evaluate(() => window.__states), errors }
  } finally {
    await browser.close()
  }
}

/** Throws unless the chat result shows one iframe and a streamed answer mentioning `expected`. */
export function assertChat(result, expected = 'streaming') {
  if (result.iframes !== 1) throw new Error(`expected exactly one iframe, found ${result.iframes}`)
  if (!result.states.includes('streaming')) throw new Error(`the answer never streamed (states: ${result.states.join(' → ')})`)
  if (!result.answer.includes(expected)) throw new Error(`the answer lacks "${expected}": ${result.answer.slice(0, 200)}`)
  if (result.errors.length) throw new Error(`page errors or CSP violations: ${result.errors.join('; ')}`)
  console.log(`  ✓ one iframe; answer streamed (${result.states.join(' → ')}), ${result.answer.length} characters`)
}

/**
 * Runs `fn({ origin, port, chatkit, apiKey })` with the self-hosted ChatKit server (frame + API) up,
 * allowing the example's origin (a free port picked here) to embed it; stops it afterwards.
 * `apiInApp`: the example mounts the API itself, so the frame may call the example's origin too.
 */
export async function withChatKitServer({ apiKey, apiInApp = false }, fn) {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const chatkit = await startBuiltServer({ apiKey, args: ['--allowed-origins', origin, ...(apiInApp ? ['--api-origins', origin] : [])] })
  try {
    return await fn({ origin, port, chatkit })
  } finally {
    chatkit.stop()
  }
}
