/**
 * `api.domainKey` against the real server started with `--domain-key e2e-domain-key=<page 3's
 * origin>`: the page it was issued for chats; the same key on another page is refused with
 * `domain_key_refused`, shown in the frame and reported as `chatkit.error`.
 */
import { expect, test } from '@playwright/test'
import { ask, openHost, pageEvents } from '../support/host.js'
import { E2E } from '../support/ports.js'

const options = { api: { xpertId: 'bench', domainKey: 'e2e-domain-key' } }

test('a domain key works from the page it was issued for', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(3), options })
  await ask(frame, 'hello with a key')
  await expect(frame.locator('article[data-message-role="assistant"][data-status="done"]')).toContainText('Answer to: hello with a key')
  expect((await pageEvents(page)).filter((e) => e.name === 'error')).toEqual([])
})

test('the same key on another page is refused: domain_key_refused, in the frame and as chatkit.error', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(4), options })
  await ask(frame, 'hello from elsewhere')
  await expect(frame.getByText(/domain key "e2e-domain-key" is not issued for the page http:\/\/127\.0\.0\.1:\d+/).first()).toBeVisible()
  await expect.poll(async () => (await pageEvents(page)).filter((e) => e.name === 'error').map((e) => e.detail.code)).toContain('domain_key_refused')
})
