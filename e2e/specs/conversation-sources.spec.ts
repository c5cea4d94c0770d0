import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { answers, ask, frameOf, openHost, shownThreadId, type HostOptions } from '../support/host.js'
import { E2E } from '../support/ports.js'

// The demo agent's "search" answer cites its two results as [1] and [2] (packages/server demo agent).
const DOCS = { title: 'ChatKit documentation', url: 'https://github.com/xpert-ai/chatkit-js' }
const XPERT = { title: 'XpertAI', url: 'https://github.com/xpert-ai/xpert' }

/** At 560×760, where a citation card fits beside its answer without covering the next hover target. */
const host = async (page: Page, slot: number, o: HostOptions = {}) =>
  (await openHost(page, { at: E2E.extraPort(slot), size: { width: '560px', height: '760px' }, ...o })).frame
const suggestions = (frame: FrameLocator) => frame.getByRole('group', { name: 'Suggested questions' })

async function searchAnswer(frame: FrameLocator) {
  await ask(frame, 'search the web')
  const answer = answers(frame).last()
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  return answer
}

test('citations: card on hover and on keyboard focus, sources list, safe links that open without an opener; axe with the card open', async ({
  page,
  context,
}) => {
  await context.route('https://github.com/**', (r) => r.fulfill({ body: '<title>source</title>', contentType: 'text/html' }))
  const frame = await host(page, 4)
  const answer = await searchAnswer(frame)
  const cite1 = answer.getByRole('link', { name: `Source 1: ${DOCS.title}` })
  const cite2 = answer.getByRole('link', { name: `Source 2: ${XPERT.title}` })
  for (const [cite, s] of [
    [cite1, DOCS],
    [cite2, XPERT],
  ] as const) {
    await expect(cite).toHaveText(cite === cite1 ? '1' : '2')
    await expect(cite).toHaveAttribute('href', s.url)
    await expect(cite).toHaveAttribute('target', '_blank')
    await expect(cite).toHaveAttribute('rel', 'noopener noreferrer')
  }

  // Mouse: the card shows on hover, stays while the pointer is on it, hides when it leaves.
  const card = frame.getByRole('tooltip')
  await cite1.hover()
  await expect(card).toBeVisible()
  await expect(card).toContainText(DOCS.title)
  await expect(card).toContainText('github.com')
  await expect(card).toContainText('Embedding a chat: notes related to "search the web".')
  await card.hover()
  await expect(card).toBeVisible()
  await answer.getByRole('heading').first().hover()
  await expect(card).toHaveCount(0)

  // Keyboard: Tab from the link before the markers reaches [1] (card shown, described by it), Escape hides it, Tab moves to [2].
  await answer.getByRole('link', { name: 'XpertAI on GitHub' }).focus()
  await page.keyboard.press('Tab')
  await expect(cite1).toBeFocused()
  await expect(card).toBeVisible()
  await expect(cite1).toHaveAttribute('aria-describedby', (await card.getAttribute('id'))!)
  expect(await axeViolations(frameOf(page)), 'citation card open').toEqual([])
  await page.keyboard.press('Escape')
  await expect(card).toHaveCount(0)
  await page.keyboard.press('Tab')
  await expect(cite2).toBeFocused()
  await expect(card).toContainText(XPERT.title)
  await expect(card).toContainText('An open agent platform with a hosted ChatKit API.')

  // The sources list under the answer, numbered as cited.
  const list = answer.getByRole('group', { name: 'Sources' })
  await expect(list.getByRole('listitem')).toHaveText([`${DOCS.title} github.com`, `${XPERT.title} github.com`])
  const item = list.getByRole('link', { name: XPERT.title })
  await expect(item).toHaveAttribute('href', XPERT.url)
  await expect(item).toHaveAttribute('rel', 'noopener noreferrer')
  await expect(item).toHaveAttribute('target', '_blank')

  // Without onLinkClick a source opens in a new tab that cannot reach the frame.
  const popup = page.waitForEvent('popup')
  await item.click()
  const tab = await popup
  await tab.waitForLoadState()
  expect(tab.url()).toBe(XPERT.url)
  expect(await tab.evaluate(() => window.opener)).toBeNull()
})

test('onLinkClick: citations, the sources list and markdown links go to the host instead of opening', async ({ page }) => {
  const clicked: { url: string }[] = []
  const frame = await host(page, 5, { callbacks: { onLinkClick: (link: { url: string }) => void clicked.push(link) } })
  const answer = await searchAnswer(frame)
  const links = () => clicked
  await answer.getByRole('link', { name: `Source 1: ${DOCS.title}` }).click()
  await answer.getByRole('group', { name: 'Sources' }).getByRole('link', { name: XPERT.title }).click()
  await answer.getByRole('link', { name: 'XpertAI on GitHub' }).click()
  await expect.poll(links).toEqual([{ url: DOCS.url }, { url: XPERT.url }, { url: 'https://github.com/xpert-ai' }])
  expect(page.context().pages()).toHaveLength(1)
})

test('suggestions: chips under the last answer; a click sends it; stale ones go away after a new message and stay away after a reload', async ({ page }) => {
  const user = `e2e-sources-${Date.now()}`
  let frame = await host(page, 4, { user })
  await searchAnswer(frame)
  await expect(suggestions(frame)).toHaveCount(1)
  await expect(answers(frame).last().getByRole('group', { name: 'Suggested questions' }).getByRole('button')).toHaveText([
    'Show me a widget',
    'Send an email I approve first',
    'Show me some math',
  ])

  const sent = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && r.postDataJSON()?.input?.input?.input === 'Show me some math')
  await suggestions(frame).getByRole('button', { name: 'Show me some math' }).click()
  await sent
  await expect(frame.locator('article[data-message-role="user"]').last().locator('.ck-user-text')).toHaveText('Show me some math')
  // Stale at once: the answer they belonged to is no longer the last message.
  await expect(answers(frame).first().getByRole('group', { name: 'Suggested questions' })).toHaveCount(0)
  await expect(answers(frame)).toHaveCount(2)
  await expect(answers(frame).last()).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(suggestions(frame)).toHaveCount(1)
  await expect(answers(frame).last().getByRole('group', { name: 'Suggested questions' }).getByRole('button')).toHaveText([
    'Search the web for ChatKit',
    'Show me a widget',
    'Send an email I approve first',
  ])

  // After a reload: the latest answer's suggestions come back, the stale ones do not; sources are stored.
  const threadId = await shownThreadId(page)
  frame = await host(page, 5, { user, options: { initialThread: threadId } })
  await expect(answers(frame)).toHaveCount(2)
  await expect(answers(frame).last().getByRole('group', { name: 'Suggested questions' })).toBeVisible()
  await expect(suggestions(frame)).toHaveCount(1)
  await expect(answers(frame).first().getByRole('group', { name: 'Sources' }).getByRole('link')).toHaveCount(2)
  await expect(
    answers(frame)
      .first()
      .getByRole('link', { name: `Source 2: ${XPERT.title}` }),
  ).toBeVisible()
})
