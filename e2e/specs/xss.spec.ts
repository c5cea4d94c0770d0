/**
 * XSS suite: a hostile agent (e2e/agents/hostile.mjs) sends 70+ payloads through answer text,
 * reasoning, tool steps (title, input, output, error, search results and their favicons, program
 * output), widget fields, images and backgrounds, an invalid widget and message image parts, an
 * MCP App's metadata (tool name and title, resource URI, server; its JSON-RPC to the frame); the
 * user's own message (and so the thread title) carries them too. Among them, `https:` exfiltration (markdown and
 * reference images, `<img>`, `srcset`, `<picture>`, link prefetch/preload/icon, SVG `<image>`, CSS
 * `url()`/`@import`, KaTeX `\includegraphics`): the scheme the frame CSP once allowed for images.
 * In real Chromium: no dialog opens, no trap runs (in the frame or the host page), no request
 * leaves for another origin, and the rendered DOM holds no script, handler, javascript: URL,
 * embedded document or escaping style.
 */
import { expect, test, type Frame } from '@playwright/test'
import { exfiltration, payloads } from '../agents/payloads.mjs'
import { E2E } from '../support/ports.js'
import { ask, frameOf, openHost } from '../support/host.js'

const PAYLOADS: string[] = payloads(E2E.evil)
const HTTPS_EVIL = E2E.evil.replace(/^http:/, 'https:')

test('the payload list is big and varied enough', () => {
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(50)
  for (const kind of [
    /<script/i,
    /onerror=/i,
    /javascript:/i,
    /<svg/i,
    /<math/i,
    /style=/i,
    /!\[/,
    /\]\(/,
    /&#/,
    /\u202e|\u200b|＜/,
    /!\[[^\]]*\]\(https:/,
    /srcset=/,
    /rel="prefetch"/,
    /rel="icon"/,
    /<image href="https:/,
    /url\(https:/,
    /@import/,
  ]) {
    expect(
      PAYLOADS.some((p) => kind.test(p)),
      String(kind),
    ).toBe(true)
  }
})

test('hostile agent output, tool output, widgets and titles cannot script, leak or escape', async ({ page }) => {
  test.setTimeout(120_000)
  const at = E2E.extraPort(4)
  const allowed = new Set([E2E.api, `http://127.0.0.1:${at}`])
  // A trap on the host page the payloads call (`top.__xss`), counting calls.
  await page.addInitScript(() => {
    if (window !== window.top) return
    const w = window as unknown as { __xss(): void; __xssCalls: number }
    w.__xssCalls = 0
    w.__xss = () => void w.__xssCalls++
  })
  const dialogs: string[] = []
  const foreign: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.protocol !== 'data:' && !allowed.has(u.origin)) foreign.push(r.url())
  })
  page.on('popup', (p) => foreign.push('popup ' + p.url()))

  const { frame: chat } = await openHost(page, {
    at,
    options: { api: { xpertId: 'hostile' }, history: { enabled: true }, threadItemActions: { feedback: true, share: true } },
  })
  // The user's message is the thread title: it carries payloads as well.
  await ask(chat, [...PAYLOADS.slice(0, 8), ...exfiltration(HTTPS_EVIL).slice(0, 2)].join(' '))
  const answer = chat.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(answer).toContainText('Echo:')
  // Open everything that folds: reasoning, steps, JSON previews (the steps' view is a lazy chunk
  // that may arrive after the answer is done: the steps first).
  await expect(answer.locator('.ck-step details').first()).toBeAttached()
  await chat.locator('body').evaluate(() =>
    document.querySelectorAll('details').forEach((d) => {
      d.open = true
    }),
  )
  // Charts: their data tables open too (labels, series names and units as table cells).
  await expect(answer.locator('figure.ck-chart svg')).toHaveCount(2)
  for (const toggle of await answer.locator('.ck-chart-toggle').all()) await toggle.click()
  await expect(answer.locator('.ck-chart-table table')).toHaveCount(2)
  // The Markdown artifact's panel (title as heading, payloads rendered by the answer renderer).
  await answer.locator('.ck-artifact-card').click()
  await expect(chat.getByRole('dialog').locator('.ck-artifact-md')).toContainText('<')
  // Hover and focus every element, so hover/focus handlers would fire if any had survived.
  await chat.locator('body').evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) el.dispatchEvent(new Event(type, { bubbles: true }))
    }
  })
  // Titles: the history panel lists this thread by its hostile title.
  await page.evaluate(() => (window as any).__chatkit.showHistory?.())

  const frame = frameOf(page)
  expect(frame).toBeTruthy()
  // The history panel has listed the thread (by its hostile title) before the DOM is inspected.
  await expect(frame.locator('.ck-history-item-title').first()).toBeVisible({ timeout: 10_000 })
  const report = await frame.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'))
    const handlers = all.flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => /^on/i.test(a.name))
        .map((a) => `${el.tagName}[${a.name}]`),
    )
    const urls = all.flatMap((el) =>
      ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].flatMap((n) => {
        const v = el.getAttribute(n)
        return v && /^\s*(javascript|vbscript|data:text)/i.test(v) ? [`${el.tagName}[${n}]=${v.slice(0, 40)}`] : []
      }),
    )
    const ownSheet = (e: Element) =>
      e.matches('link[rel="stylesheet"], link[rel="modulepreload"]') &&
      new URL((e as HTMLLinkElement).href).origin === location.origin &&
      new URL((e as HTMLLinkElement).href).pathname.startsWith('/chatkit/assets/')
    // The MCP App's sub-frame is the frame's own sandbox document, sandboxed without same-origin.
    const ownSandbox = (e: Element) => e.matches('iframe.ck-mcp-app-frame[sandbox="allow-scripts"][src="/chatkit/sandbox"]')
    const embedded = Array.from(document.querySelectorAll('iframe, object, embed, frame, base, meta[http-equiv], link'))
      .filter((e) => !ownSheet(e) && !ownSandbox(e))
      .map((e) => e.outerHTML.slice(0, 80))
    const scripts = Array.from(document.scripts)
      .filter((s) => !s.src || new URL(s.src).origin !== location.origin)
      .map((s) => s.outerHTML.slice(0, 80))
    const styles = Array.from(document.querySelectorAll('body style')).map((s) => s.outerHTML.slice(0, 80))
    const fixed = all.filter((el) => el.closest('.ck-message') && getComputedStyle(el).position === 'fixed').map((e) => e.tagName)
    // biome-ignore lint/performance/useDomNodeTextContent: the length of the text shown (hidden text excluded)
    return { pwned: (window as any).__pwned ?? null, handlers, urls, embedded, scripts, styles, fixed, text: document.body.innerText.length }
  })
  expect(report).toMatchObject({ pwned: null, handlers: [], urls: [], embedded: [], scripts: [], styles: [], fixed: [] })
  expect(report.text).toBeGreaterThan(1000) // the payloads were shown, as text
  expect(await page.evaluate(() => (window as any).__xssCalls)).toBe(0)
  expect(await page.evaluate(() => (window as any).__pwned ?? null)).toBeNull()
  expect(dialogs).toEqual([])
  expect(foreign).toEqual([])
  // Each channel really rendered hostile content (so the assertions above were not vacuous).
  await expect(answer.locator('.ck-reasoning')).toContainText('<script>')
  await expect(answer.locator('.ck-step').first()).toContainText('<script>')
  await expect(answer.locator('.ck-widget').first()).toContainText('<img src=x onerror')
  await expect(answer.locator('.ck-widget-error')).toBeVisible()
  await expect(answer.locator('.ck-chart-table tbody')).toHaveCount(2)
  await expect(answer.locator('.ck-artifact-title')).toContainText('<')
  const app = answer.locator('.ck-mcp-app')
  await expect(app).toHaveAttribute('data-app-uri', /^ui:\/\/.*</)
  await expect(app.locator('iframe')).toHaveAttribute('data-state', 'rendered')
  await expect(app.locator('iframe')).toHaveAttribute('title', /^App: .*[<"]/)
  // The app's JSON-RPC was answered (initialize, tool input and result, the refused call and link, method not found).
  const appDoc = page.frames().find((f) => f.url() === `${E2E.api}/chatkit/sandbox`) as Frame
  await expect(appDoc.locator('#app')).toHaveText('frame messages: 6')
  await expect(answer.locator('.ck-gallery-thumb')).toHaveAttribute('aria-label', /^Open image 1 of 1: .*</)
  expect(await answer.locator('.ck-chart').allInnerTexts()).toEqual([expect.stringMatching(/<\w/), expect.stringMatching(/<\w|javascript:/i)])
  // The https: images were there in every channel, each as a link the user could choose to open.
  const evilHost = new URL(HTTPS_EVIL).host
  // (reasoning, answer markdown, widget, message image part)
  for (const where of ['.ck-reasoning a', '.ck-part .ck-md a', '.ck-widget a', '.ck-part > a']) {
    await expect(answer.locator(`${where}.ck-image-ask`).filter({ hasText: evilHost }).first()).toBeAttached()
  }
  await expect(answer.locator('.ck-widget').getByRole('link', { name: /^https widget image — Image from / })).toBeVisible()
  expect(await answer.locator('.ck-tool-results li').count()).toBeGreaterThan(10)
  expect(await answer.locator('.ck-tool-favicon').count()).toBe(0)
  await expect(chat.locator('article[data-message-role="user"]')).toContainText('<script>')
  // The thread title (from the user's message) is listed in the history panel, as text.
  await expect(chat.getByRole('region', { name: 'History' }).locator('.ck-history-item-title').first()).toContainText('<script>')
})
