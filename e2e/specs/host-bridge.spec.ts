/**
 * The bridge itself, cross-origin: reload re-handshake, version skew, forged messages, React
 * StrictMode and unmount.
 */
import type { Server } from 'node:http'
import { expect, test, type Page } from '@playwright/test'
import { E2E } from '../support/ports.js'
import { chatFrame, events, frameOf, lastAnswer, method, openHost, PAGES } from '../support/sdk-host.js'
import { closeServer, serveRoutes } from '../support/static-server.js'

let servers: Server[] = []
test.afterEach(async () => {
  await Promise.all(servers.map(closeServer))
  servers = []
})

/** Rewrites a served JS file: the "test build" of a host or frame with another version or capability list (whatever quotes the minifier chose). */
async function rewrite(page: Page, url: string | RegExp, edit: (js: string) => string) {
  await page.route(url, async (route) => {
    const res = await route.fetch()
    const js = await res.text()
    const edited = edit(js)
    if (edited === js) throw new Error(`rewrite of ${route.request().url()} changed nothing`)
    await route.fulfill({ response: res, body: edited })
  })
}
const FRAME_JS = new RegExp(`^${E2E.api.replace(/[.:/]/g, '\\$&')}/chatkit/assets/index-[^/]+\\.js$`)

test('a frame reload (a deploy) re-handshakes and re-applies the current options by itself', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { startScreen: { greeting: 'Greeting 42ab' } })
  await expect(chatFrame(page).getByText('Greeting 42ab')).toBeVisible()
  await frameOf(page).evaluate(() => location.reload())
  await expect.poll(() => events(page, 'ready')).toHaveLength(2)
  await expect(chatFrame(page).getByText('Greeting 42ab')).toBeVisible()
  await method(page, 'sendUserMessage', { text: 'after the reload' })
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
})

test('a host one minor version newer than the frame works', async ({ page }) => {
  await rewrite(page, '**/sdk/chatkit.js', (js) => js.replace('`1.0.0`', '`1.1.0`'))
  await openHost(page)
  expect(await method(page, 'setComposerValue', { text: 'skew ok' })).toEqual({ ok: true })
  await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toHaveValue('skew ok')
})

test('a frame one minor newer without a method: the host refuses it by name with both versions', async ({ page }) => {
  await rewrite(page, FRAME_JS, (js) =>
    js.replace(/(["'`])1\.0\.0\1/, '$11.1.0$1').replace(/(\[(["'`])hello\2,\2setOptions\2,[^\]]*?)(["'`])showHistory\3,/, '$1'),
  )
  await openHost(page)
  const r = await method(page, 'showHistory')
  expect(r).toMatchObject({ ok: false, code: 'not_supported' })
  expect(r.message).toContain('showHistory')
  expect(r.message).toContain('host protocol 1.0.0')
  expect(r.message).toContain('frame protocol 1.1.0')
  // Everything else still works.
  expect(await method(page, 'setComposerValue', { text: 'still fine' })).toEqual({ ok: true })
})

test.describe(() => {
  // The host page's CSP frames only the ChatKit origin: lift it here so the forger can load at all.
  // (Rewriting the page's headers instead would make Chromium treat it as a public page.)
  test.use({ bypassCSP: true })
  test('forged penpal-shaped messages from the host page and from another origin are ignored by both sides', async ({ page }) => {
    const forged = (tag: string) => [
      { namespace: 'penpal', channel: 'xpertai-chatkit', type: 'SYN', participantId: `forger-${tag}` },
      { namespace: 'penpal', channel: 'xpertai-chatkit', type: 'ACK2' },
      {
        namespace: 'penpal',
        channel: 'xpertai-chatkit',
        type: 'CALL',
        id: `${tag}-1`,
        methodPath: ['emit'],
        args: ['error', { error: { code: 'forged', message: `forged by ${tag}` } }],
      },
      { namespace: 'penpal', channel: 'xpertai-chatkit', type: 'CALL', id: `${tag}-2`, methodPath: ['setComposerValue'], args: [{ text: `forged by ${tag}` }] },
      { penpal: 'call', id: 1, methodName: 'setComposerValue', args: [{ text: `forged v6 by ${tag}` }] },
    ]
    // The forger: a page on another origin, framed by the host page, posting to its parent and to every frame it can reach.
    servers.push(
      await serveRoutes(E2E.evilPort, {
        '/forger.html': {
          type: 'text/html',
          body: `<!doctype html><script>
          const msgs = ${JSON.stringify(forged('iframe'))}
          for (const m of msgs) { parent.postMessage(m, '*'); for (let i = 0; i < parent.length; i++) parent[i].postMessage(m, '*') }
          parent.postMessage('forger-done', '*')
        </script>`,
        },
      }),
    )
    // Every document (host page and frame) records the origins of the messages it receives, from
    // before its own scripts run.
    await page.addInitScript(() => window.addEventListener('message', (e) => ((window as unknown as { __seen: string[] }).__seen ??= []).push(e.origin), true))
    await openHost(page)
    const frame = frameOf(page)

    // 1. The host page itself posts penpal-shaped messages to itself and straight into the frame.
    await page.evaluate((msgs) => {
      const iframe = document.querySelector('xpertai-chatkit')!.shadowRoot!.querySelector('iframe')!
      for (const m of msgs) {
        window.postMessage(m, '*')
        iframe.contentWindow!.postMessage(m, '*')
      }
    }, forged('host page'))
    // 2. A second iframe on another origin does the same.
    await page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          window.addEventListener('message', (e) => e.data === 'forger-done' && resolve())
          const f = document.createElement('iframe')
          f.src = src
          document.body.append(f)
        }),
      `${E2E.evil}/forger.html`,
    )
    // Both sides did receive forgeries, so ignoring them is their own doing: the host page from both
    // origins; the frame from the host page. (The other-origin iframe cannot even reach the frame: an
    // iframe in a shadow root is not in `parent.frames`. The frame's refusal of a parent origin off its
    // allowlist is proven in embed-security.spec.ts.)
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual(expect.arrayContaining([E2E.demo, E2E.evil]))
    expect(await frame.evaluate(() => (window as unknown as { __seen?: string[] }).__seen ?? [])).toContain(E2E.demo)

    // Settled: a real call made after the forgeries went through the bridge and back.
    expect(await method(page, 'focusComposer')).toEqual({ ok: true })
    expect(await chatFrame(page).locator('textarea[aria-label="Message"]').inputValue()).toBe('')
    expect((await events(page, 'error')).filter((e) => String(e.detail?.message).includes('forged'))).toEqual([])
    expect(await events(page, 'ready')).toHaveLength(1)
    // The real connection is untouched.
    expect(await method(page, 'setComposerValue', { text: 'real' })).toEqual({ ok: true })
    await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toHaveValue('real')
  })
})

test('React StrictMode mounts one iframe and one connection; unmount destroys it', async ({ page }) => {
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await openHost(page, PAGES.react)
  // Settled: the handshake finished and a real call went through (StrictMode's second mount is long done).
  await expect.poll(async () => (await events(page, 'ready')).length).toBe(1)
  expect(await method(page, 'setComposerValue', { text: 'strict' })).toEqual({ ok: true })
  await expect(page.locator('xpertai-chatkit')).toHaveCount(1)
  await expect(page.locator('xpertai-chatkit iframe')).toHaveCount(1)
  expect(await events(page, 'ready')).toHaveLength(1)
  await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toHaveValue('strict')

  await page.evaluate(() => (window as unknown as { unmount(): void }).unmount())
  await expect(page.locator('xpertai-chatkit iframe')).toHaveCount(0)
  // React methods warn, never throw, when nothing is mounted.
  expect(await method(page, 'focusComposer')).toEqual({ ok: true })
  expect(warnings.join('\n')).toContain('focusComposer() called while no <ChatKit> is mounted')
})
