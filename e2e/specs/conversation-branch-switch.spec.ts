/**
 * The version switcher (‹ n / m ›) in a real cross-origin frame against the real server: a switch
 * swaps the path in place — no "Loading…" in between, the switcher stays where it was on screen,
 * in every animation frame — and follow-up suggestions follow the branch shown (each branch's own
 * last suggestions; the other branch's go away). Answers come from the `echo` agent
 * (e2e/agents/echo.mjs, long answers: each repeats its history) and the built-in `demo` agent
 * (suggestions after every answer).
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { answers, ask, frameOf, openHost } from '../support/host.js'
import { E2E } from '../support/ports.js'

async function open(page: Page, xpertId: string): Promise<FrameLocator> {
  return (await openHost(page, { at: E2E.extraPort(3), options: { api: { xpertId }, history: { enabled: true } } })).frame
}
const questions = (f: FrameLocator) => f.locator('article[data-message-role="user"]')
const doneAnswers = (f: FrameLocator, n: number) => expect(answers(f).and(f.locator('[data-status="done"]'))).toHaveCount(n, { timeout: 30_000 })

async function edit(f: FrameLocator, index: number, text: string) {
  await questions(f).nth(index).getByRole('button', { name: 'Edit' }).click()
  const editor = f.getByRole('textbox', { name: 'Edit your question' })
  await editor.fill(text)
  await editor.press('Enter')
}

test('a version switch keeps the view: no loading state, the switcher stays put in every frame, the list does not jump to the bottom', async ({ page }) => {
  const f = await open(page, 'echo')
  // A short frame: the conversation overflows it.
  await page.evaluate(() => ((document.getElementById('ck') as HTMLElement).style.height = '420px'))
  for (const [i, q] of ['q1', 'q2', 'q3', 'q4', 'q5'].entries()) {
    await ask(f, q)
    await doneAnswers(f, i + 1)
  }
  // Edit q3: the path shown is q1 … q3 edited (shorter than the first version's, which goes on to q5).
  await edit(f, 2, 'q3 edited')
  const versions = questions(f).nth(2).getByRole('group', { name: 'Versions' })
  await expect(versions).toContainText('2 of 2', { timeout: 30_000 })
  await doneAnswers(f, 3)
  const scroller = f.locator('.ck-scroll')
  // The list overflows and sits at its bottom (it followed the new answer).
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(2)
  expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)

  // Record, in the frame, every animation frame's switcher position and any loading status added.
  await frameOf(page).evaluate(() => {
    const w = window as any
    w.__tops = [] as number[]
    w.__loading = [] as string[]
    const seen = (n: Node) => {
      if (!(n instanceof Element)) return
      for (const el of [n, ...n.querySelectorAll('[role="status"], [aria-busy="true"]')])
        if (el.matches('[role="status"], [aria-busy="true"]') && /load/i.test(`${el.textContent} ${el.className}`)) w.__loading.push(el.outerHTML.slice(0, 120))
    }
    w.__observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) seen(n)
    })
    w.__observer.observe(document.body, { childList: true, subtree: true })
    // The messages above the switched one, marked: the switch must keep their elements.
    for (const el of [...document.querySelectorAll('article[data-message-id]')].slice(0, 4)) (el as any).__kept = true
    const tick = () => {
      const box = document.querySelector('.ck-branches')
      w.__tops.push(box ? box.getBoundingClientRect().top : Number.NaN)
      if (!w.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  const before = (await versions.boundingBox())!.y

  await versions.getByRole('button', { name: 'Previous version' }).click()
  await expect(questions(f).nth(2).locator('.ck-user-text')).toHaveText('q3')
  await expect(questions(f)).toHaveCount(5)
  await doneAnswers(f, 5)
  await expect(versions).toContainText('1 of 2')
  await expect(versions.getByRole('button', { name: 'Previous version' })).toBeFocused()
  // Let a few frames pass after the swap (the list's own effects run after the first paint).
  const frames = await frameOf(page).evaluate(() => (window as any).__tops.length)
  await expect.poll(() => frameOf(page).evaluate(() => (window as any).__tops.length)).toBeGreaterThan(frames + 5)
  const after = (await versions.boundingBox())!.y
  const { tops, loading, kept } = await frameOf(page).evaluate(() => {
    const w = window as any
    w.__stop = true
    w.__observer.disconnect()
    const kept = [...document.querySelectorAll('article[data-message-id]')].slice(0, 4).map((el) => (el as any).__kept === true)
    return { tops: w.__tops as number[], loading: w.__loading as string[], kept }
  })

  expect.soft(Math.abs(after - before), `switcher y ${before} → ${after}`).toBeLessThanOrEqual(2)
  expect.soft(loading, 'a loading status appeared during the switch').toEqual([])
  // Not re-created: a new element would be laid out anew (offscreen ones at an estimated height) and shift the view.
  expect.soft(kept, 'q1, a1, q2, a2 kept their elements').toEqual([true, true, true, true])
  expect(tops.length).toBeGreaterThan(5)
  const drift = Math.max(...tops.map((t) => Math.abs(t - tops[0])))
  expect.soft(drift, `the switcher moved in some frame: ${tops.join(', ')}`).toBeLessThanOrEqual(2)
  // And the list stopped following the bottom: what was below the switcher is below it still.
  expect(await scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeGreaterThan(100)
})

test('suggestions follow the branch shown: a switch shows that branch’s own last suggestions, never the other branch’s', async ({ page }) => {
  const f = await open(page, 'demo')
  const chips = () => f.getByRole('group', { name: 'Suggested questions' })
  await ask(f, 'search the web')
  await doneAnswers(f, 1)
  await ask(f, 'show me some math')
  await doneAnswers(f, 2)
  const first = ['Search the web for ChatKit', 'Show me a widget', 'Send an email I approve first']
  const second = ['Search the web for ChatKit', 'Send an email I approve first', 'Show me some math']
  await expect(chips().getByRole('button')).toHaveText(first)

  await edit(f, 1, 'show me a widget')
  const versions = questions(f).nth(1).getByRole('group', { name: 'Versions' })
  await expect(versions).toContainText('2 of 2', { timeout: 30_000 })
  await doneAnswers(f, 2)
  await expect(chips()).toHaveCount(1)
  await expect(answers(f).last().getByRole('group', { name: 'Suggested questions' }).getByRole('button')).toHaveText(second)

  // ‹ : the first version's answer is the last message again, with its own suggestions only.
  await versions.getByRole('button', { name: 'Previous version' }).click()
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('show me some math')
  await expect(chips()).toHaveCount(1)
  await expect(answers(f).last().getByRole('group', { name: 'Suggested questions' }).getByRole('button')).toHaveText(first)
  await expect(answers(f).first().getByRole('group', { name: 'Suggested questions' })).toHaveCount(0)

  // › : back to the edit's branch and its suggestions; by keyboard (the focus stayed on the switcher).
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(questions(f).nth(1).locator('.ck-user-text')).toHaveText('show me a widget')
  await expect(chips()).toHaveCount(1)
  await expect(chips().getByRole('button')).toHaveText(second)
  // A click on one sends it on this branch.
  await chips().getByRole('button', { name: 'Show me some math' }).click()
  await expect(questions(f)).toHaveCount(3)
  await expect(questions(f).last().locator('.ck-user-text')).toHaveText('Show me some math')
})
