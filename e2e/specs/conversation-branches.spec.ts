/**
 * Edit and branch (issue 15 items 1–2) in a real cross-origin frame against the real server and
 * its SQLite store, with the `echo` agent (e2e/agents/echo.mjs), which answers with the history it
 * was given: so each answer proves which branch the agent saw.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { answers, ask, frameOf, openHost, pageEvents, shownThreadId, waitForReady } from '../support/host.js'
import { E2E } from '../support/ports.js'

async function open(page: Page, options: Record<string, unknown> = {}): Promise<FrameLocator> {
  return (await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId: 'echo' }, history: { enabled: true }, ...options } })).frame
}

const questions = (f: FrameLocator) => f.locator('article[data-message-role="user"]')
/** An answer's text as shown (not its action buttons). */
const said = (f: FrameLocator, i: number) => answers(f).nth(i).locator('.ck-md')
const doneAnswers = (f: FrameLocator, n: number) => expect(answers(f).and(f.locator('[data-status="done"]'))).toHaveCount(n, { timeout: 30_000 })
const threadIds = async (page: Page) => (await pageEvents(page)).filter((e) => e.name === 'thread.change').map((e) => e.detail?.threadId)

test('edit → a new branch the agent answers from that path only; ‹ 1 / 2 › switches both ways; a reload and the next question keep the branch shown', async ({
  page,
}) => {
  const f = await open(page)
  await ask(f, 'q1')
  await doneAnswers(f, 1)
  await ask(f, 'q2')
  await doneAnswers(f, 2)
  const firstAnswerId = await answers(f).first().getAttribute('data-message-id')
  const oldAnswer = (await said(f, 1).textContent()) ?? ''
  expect(oldAnswer).toMatch(/-> q2 #\d+/)

  // Edit the second question in place: Save sends it as a sibling under the first answer.
  await questions(f).nth(1).getByRole('button', { name: 'Edit' }).click()
  const editor = f.getByRole('textbox', { name: 'Edit your question' })
  await expect(editor).toBeFocused()
  await expect(editor).toHaveValue('q2')
  expect(await axeViolations(frameOf(page))).toEqual([])
  const run = page.waitForRequest((r) => r.url().endsWith('/runs/stream'))
  await editor.fill('q2 edited')
  await editor.press('Enter')
  expect((await run).postDataJSON()).toMatchObject({ parentMessageId: firstAnswerId, input: { input: { input: 'q2 edited' } } })
  await expect(questions(f)).toHaveCount(2)
  await expect(answers(f).nth(1)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  // The agent saw q1 and its answer, not the old q2 branch.
  await expect(said(f, 1)).toHaveText(/^\[q1 \| \[\] -> q1 #\d+\] -> q2 edited #\d+/)
  const edited = questions(f).nth(1)
  const versions = edited.getByRole('group', { name: 'Versions' })
  await expect(versions).toContainText('2 of 2')
  await expect(versions.locator('[aria-hidden="true"]', { hasText: '/' })).toHaveText('2 / 2')
  await expect(versions.getByRole('button', { name: 'Next version' })).toHaveAttribute('aria-disabled', 'true')
  expect(await axeViolations(frameOf(page))).toEqual([])

  // ‹ : back to the old question and its old answer (the branch endpoint, then that path).
  const branch = page.waitForRequest((r) => r.url().endsWith('/branch'))
  await versions.getByRole('button', { name: 'Previous version' }).click()
  expect((await branch).postDataJSON()).toEqual({ messageId: expect.any(String) })
  await expect(questions(f).nth(1)).toContainText('q2')
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('q2')
  await expect(said(f, 1)).toHaveText(oldAnswer)
  await expect(questions(f).nth(1).getByRole('group', { name: 'Versions' })).toContainText('1 of 2')
  // The keyboard stays on the switcher of the version now shown.
  await expect(questions(f).nth(1).getByRole('button', { name: 'Previous version' })).toBeFocused()
  // › by keyboard: forward again, then back.
  await page.keyboard.press('Tab')
  await expect(questions(f).nth(1).getByRole('button', { name: 'Next version' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('q2 edited')
  await expect(questions(f).nth(1).getByRole('button', { name: 'Next version' })).toBeFocused()
  await questions(f).nth(1).getByRole('button', { name: 'Previous version' }).click()
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('q2')

  // A reload of the frame shows the branch shown before it.
  const threadId = await shownThreadId(page)
  await page.reload()
  await waitForReady(page)
  await page.evaluate((id) => (window as any).__chatkit.setThreadId(id), threadId)
  await expect(questions(f)).toHaveCount(2)
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('q2')
  await expect(said(f, 1)).toHaveText(oldAnswer)
  await expect(questions(f).nth(1).getByRole('group', { name: 'Versions' })).toContainText('1 of 2')

  // The composer continues the branch shown: the agent's context has q2, not "q2 edited".
  await ask(f, 'q3')
  await doneAnswers(f, 3)
  const third = (await said(f, 2).textContent()) ?? ''
  expect(third).toContain(`| q2 | ${oldAnswer}] -> q3`)
  expect(third).not.toContain('q2 edited')
})

test('↑ in an empty composer edits the newest question (Escape cancels); retry makes a sibling answer; both are refused while an answer streams', async ({
  page,
}) => {
  const f = await open(page, { threadItemActions: { retry: true } })
  await ask(f, 'hello')
  await doneAnswers(f, 1)
  const composer = f.locator('textarea[aria-label="Message"]')
  await composer.focus()
  await page.keyboard.press('ArrowUp')
  const editor = f.getByRole('textbox', { name: 'Edit your question' })
  await expect(editor).toBeFocused()
  await expect(editor).toHaveValue('hello')
  await page.keyboard.press('Escape')
  await expect(editor).toHaveCount(0)
  await expect(questions(f).first().locator('.ck-user-text')).toHaveText('hello')
  await expect(questions(f).first().getByRole('button', { name: 'Edit' })).toBeFocused()
  await composer.focus()
  await page.keyboard.press('ArrowUp')
  await editor.fill('hello again')
  await f.getByRole('button', { name: 'Save' }).click()
  await expect(questions(f)).toHaveCount(1)
  await expect(questions(f).first().getByRole('group', { name: 'Versions' })).toContainText('2 of 2', { timeout: 30_000 })
  await expect(said(f, 0)).toHaveText(/^\[\] -> hello again #\d+/)
  const firstAnswer = (await said(f, 0).textContent()) ?? ''

  // Retry: a new answer; the old one stays reachable through the answer's switcher.
  const retry = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && r.postDataJSON()?.retry === true)
  await answers(f).first().getByRole('button', { name: 'Retry' }).click()
  await retry
  const answerVersions = answers(f).first().getByRole('group', { name: 'Versions' })
  await expect(answerVersions).toContainText('2 of 2', { timeout: 30_000 })
  await expect(said(f, 0)).not.toHaveText(firstAnswer)
  await answerVersions.getByRole('button', { name: 'Previous version' }).click()
  await expect(said(f, 0)).toHaveText(firstAnswer)
  await expect(answers(f).first().getByRole('group', { name: 'Versions' })).toContainText('1 of 2')

  // While an answer streams, Edit and the switchers are refused and say why.
  await ask(f, 'slow answer please')
  await expect(answers(f).last()).toHaveAttribute('data-status', 'streaming', { timeout: 30_000 })
  const edit = questions(f).first().getByRole('button', { name: 'Edit' })
  await expect(edit).toHaveAttribute('aria-disabled', 'true')
  await expect(edit).toHaveAttribute('title', 'Wait until the answer has finished')
  await expect(questions(f).first().getByRole('button', { name: 'Next version' })).toHaveAttribute('aria-disabled', 'true')
  await composer.focus()
  await page.keyboard.press('ArrowUp')
  // (Playwright waits for an aria-disabled button to be enabled: force the click while it streams.)
  await edit.click({ force: true })
  await expect(answers(f).last()).toHaveAttribute('data-status', 'streaming')
  await expect(editor).toHaveCount(0)
  await doneAnswers(f, 2)
})

test('branch in new chat: a new conversation with the messages up to that answer opens, fires thread.change and is in the history; a failed switch changes nothing', async ({
  page,
}) => {
  const f = await open(page, { threadItemActions: { branch: true, retry: true } })
  await ask(f, 'one')
  await doneAnswers(f, 1)
  await ask(f, 'two')
  await doneAnswers(f, 2)
  const original = (await threadIds(page)).filter(Boolean).at(-1)
  const firstAnswer = (await said(f, 0).textContent()) ?? ''

  const firstId = await answers(f).first().getAttribute('data-message-id')
  const copy = page.waitForRequest((r) => r.url().endsWith(`/threads/${original}/copy`))
  await answers(f).first().getByRole('button', { name: 'Branch in new chat' }).click()
  expect((await copy).postDataJSON()).toEqual({ messageId: firstId })
  await expect.poll(async () => (await threadIds(page)).at(-1)).not.toBe(original)
  const copied = (await threadIds(page)).at(-1)
  expect(copied).toEqual(expect.any(String))
  await expect(questions(f)).toHaveCount(1)
  await expect(answers(f)).toHaveCount(1)
  await expect(said(f, 0)).toHaveText(firstAnswer)
  // It continues from the copied messages only.
  await ask(f, 'three')
  await doneAnswers(f, 2)
  await expect(said(f, 1)).toHaveText(/^\[one \| .* -> one #\d+\] -> three #\d+/)
  await expect(said(f, 1)).not.toContainText('two')
  await f.getByRole('button', { name: 'Conversation history' }).click()
  await expect(f.getByRole('region', { name: 'History' }).locator('.ck-history-item')).toHaveCount(2)
  await page.keyboard.press('Escape')

  // A switch the server fails: an inline error and chatkit.error; the thread shown stays as it was.
  await answers(f).nth(1).getByRole('button', { name: 'Retry' }).click()
  await expect(answers(f).nth(1).getByRole('group', { name: 'Versions' })).toContainText('2 of 2', { timeout: 30_000 })
  const before = await f.locator('.ck-log').innerHTML()
  await page.route('**/branch', (r) =>
    r.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'store offline' } }) }),
  )
  await answers(f).nth(1).getByRole('button', { name: 'Previous version' }).click()
  await expect(answers(f).nth(1).getByRole('alert')).toContainText('Could not switch versions')
  expect((await pageEvents(page)).some((e) => e.name === 'error')).toBe(true)
  expect(await axeViolations(frameOf(page))).toEqual([])
  await expect(questions(f)).toHaveCount(2)
  expect(await f.locator('.ck-log article').count()).toBe(4)
  expect(before).toContain(await answers(f).nth(1).locator('.ck-md').innerHTML())
})
