import { expect, test, type TestInfo } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { aroundBrowser, openHost, type Host } from '../support/host.js'

test.use(aroundBrowser)

const options = (scheme: 'light' | 'dark') => ({
  theme: { colorScheme: scheme },
  header: { rightAction: { icon: 'settings-cog' } },
  startScreen: {
    greeting: 'How can we help?',
    prompts: [
      { label: 'Show a widget', prompt: 'show me a widget', icon: 'sparkle' },
      { label: 'Explain streaming', prompt: 'explain streaming', icon: 'lightbulb' },
    ],
  },
  disclaimer: { text: 'Answers may be wrong. See the [policy](https://example.com/policy).' },
  composer: {
    attachments: { enabled: true },
    tools: [{ id: 'search', label: 'Web search', icon: 'globe', pinned: true }],
    models: [
      { id: 'a', label: 'Model A', default: true },
      { id: 'b', label: 'Model B' },
    ],
    slashCommands: [{ name: 'sign', description: 'Insert my signature', action: { type: 'insert_text', template: 'Best, Ada' } }],
  },
})
const callbacks = {
  'header.rightAction.onClick': () => {},
  'entities.onTagSearch': () => [
    { id: 'p1', title: 'Ada Lovelace', group: 'People' },
    { id: 'd1', title: 'Design doc', group: 'Docs' },
  ],
}

/** Screenshot of the embed as an artifact, failing on a blank or unstyled frame. */
async function shot(host: Host, info: TestInfo, name: string) {
  const f = host.frame
  // Styled: the stylesheet's layout and theme variables are in effect.
  expect(await f.locator('.ck-app').evaluate((el) => getComputedStyle(el).display)).toBe('flex')
  expect(await f.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--ck-bg').trim())).not.toBe('')
  expect(await f.locator('form.ck-composer').evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).not.toBe('0px')
  const png = await host.page.locator('xpertai-chatkit').screenshot({ path: info.outputPath(`${name}.png`) })
  await info.attach(name, { body: png, contentType: 'image/png' })
  // A blank frame compresses to almost nothing.
  expect(png.length, `${name}.png looks blank`).toBeGreaterThan(8000)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG A/AA violations (${scheme}): start screen, composer menus, thread with widgets, history`, async ({ page }, info) => {
    const host = await openHost(page, { options: options(scheme), callbacks })
    const f = host.frame
    const frame = await host.rawFrame()
    await expect(f.getByRole('heading', { name: 'How can we help?' })).toBeVisible()
    expect(await axeViolations(frame), 'start screen').toEqual([])
    await shot(host, info, `start-${scheme}`)

    const input = f.getByRole('textbox', { name: 'Message' })
    await input.pressSequentially('/')
    await expect(f.getByRole('listbox', { name: 'Commands' })).toBeVisible()
    expect(await axeViolations(frame), 'slash command menu').toEqual([])
    await input.fill('')
    await input.pressSequentially('@')
    await expect(f.getByRole('listbox', { name: 'Mentions' }).getByRole('option')).toHaveCount(2)
    expect(await axeViolations(frame), 'mention menu').toEqual([])
    await page.keyboard.press('Enter')
    await expect(f.getByRole('list', { name: 'Mentioned' })).toBeVisible()
    expect(await axeViolations(frame), 'mention chips').toEqual([])
    await input.fill('')

    await f.getByRole('button', { name: 'Show a widget' }).click()
    await expect(f.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(f.locator('article[data-message-role="assistant"] form, article[data-message-role="assistant"] .ck-widget').first()).toBeVisible()
    expect(await axeViolations(frame), 'thread with a widget').toEqual([])
    await shot(host, info, `thread-${scheme}`)

    await host.call('showHistory')
    await expect(f.getByRole('region', { name: 'History' }).locator('.ck-history-item')).toHaveCount(1)
    expect(await axeViolations(frame), 'history panel').toEqual([])
    await shot(host, info, `history-${scheme}`)
  })
}

test('finished answers are announced once in a polite live region; the log does not read tokens', async ({ page }) => {
  const host = await openHost(page)
  const f = host.frame
  await expect(f.getByRole('log', { name: 'Conversation' })).toHaveAttribute('aria-live', 'off')
  const region = f.getByTestId('ck-announcer')
  await expect(region).toHaveAttribute('aria-live', 'polite')
  await host.call('sendUserMessage', { text: 'please give me a long answer' })
  const answer = f.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'streaming')
  await expect(region).toHaveText('')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(region).toHaveText(/^Assistant: .{20,}/)
  expect((await region.textContent())!.length).toBeLessThanOrEqual('Assistant: '.length + 151)
})

test('keyboard: labelled controls in tab order with visible focus, Escape closes menus and panels; headingLevel', async ({ page }) => {
  const host = await openHost(page, { options: { ...options('light'), headingLevel: 3 }, callbacks })
  const f = host.frame
  // Every interactive control has an accessible name.
  const unnamed = await f
    .locator('button, select, textarea, input:not([type=file])')
    .evaluateAll((els) =>
      els
        .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || (el as HTMLInputElement).labels?.length))
        .map((el) => el.outerHTML.slice(0, 80)),
    )
  expect(unnamed).toEqual([])

  await host.call('focusComposer')
  await page.keyboard.press('Shift+Tab')
  const focused = () =>
    f.locator(':focus').evaluate((el) => ({ label: el.getAttribute('aria-label') ?? el.textContent?.trim(), outline: getComputedStyle(el).outlineStyle }))
  const back = await focused()
  expect(back.outline).toBe('solid')
  await page.keyboard.press('Tab')
  await expect(f.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await page.keyboard.press('Tab')
  expect((await focused()).outline).toBe('solid')

  await f.getByRole('button', { name: 'Conversation history' }).focus()
  await page.keyboard.press('Enter')
  await expect(f.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(f.getByRole('region', { name: 'History' })).toHaveCount(0)
  await expect(f.getByRole('button', { name: 'Conversation history' })).toBeFocused()

  await host.call('sendUserMessage', { text: 'heading test' })
  const answer = f.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  // The demo answer starts with a `##` heading: level 2 + (3 - 1) = h4.
  await expect(answer.locator('h4').first()).toContainText('You asked')
  await expect(answer.locator('h1, h2')).toHaveCount(0)
})

test('small screen 360×640: no horizontal scroll, 40 px touch targets, composer inside the visual viewport', async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 640 })
  const host = await openHost(page, { options: options('light'), callbacks, size: { width: '100vw', height: '100vh' } })
  const f = host.frame
  const overflow = await f.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  const small = await f.locator('button:visible, select:visible').evaluateAll((els) =>
    els
      .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent?.trim(), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 40 || box.height < 40)
      .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  )
  expect(small).toEqual([])
  const vvh = await f.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--ck-vvh').trim())
  expect(vvh).toBe('640px')
  const composer = (await f.locator('form.ck-composer').boundingBox())!
  expect(composer.y + composer.height).toBeLessThanOrEqual(640)
  await host.call('sendUserMessage', { text: 'a small screen question' })
  await expect(f.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  expect(await f.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
  await shot(host, info, 'small-screen')
})
