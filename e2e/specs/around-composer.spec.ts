import { expect, test, type Page } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'

test.use(aroundBrowser)

/** Run requests the frame sends (observed on the wire, not in the frame). */
function captureRuns(page: Page): any[] {
  const bodies: any[] = []
  void page.route('**/api/ai/threads/*/runs/stream', async (route) => {
    bodies.push(route.request().postDataJSON())
    await route.continue()
  })
  return bodies
}

const waitDone = (host: { frame: any }) =>
  expect(host.frame.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })

test('composer: placeholder, autosize, tools (pinned, placeholderOverride, tool.change), model picker, host methods, run request', async ({ page }) => {
  const runs = captureRuns(page)
  const host = await openHost(page, {
    options: {
      composer: {
        placeholder: 'Ask the docs',
        tools: [
          { id: 'search', label: 'Web search', shortLabel: 'Search', icon: 'globe', pinned: true, placeholderOverride: 'Search the web for…' },
          { id: 'draw', label: 'Draw a picture', icon: 'images' },
        ],
        models: [
          { id: 'small', label: 'Small model' },
          { id: 'large', label: 'Large model', default: true },
          { id: 'off', label: 'Retired', disabled: true },
        ],
      },
    },
  })
  const f = host.frame
  const input = f.getByRole('textbox', { name: 'Message' })
  await expect(input).toHaveAttribute('placeholder', 'Ask the docs')

  const h1 = await input.evaluate((el) => el.getBoundingClientRect().height)
  await input.fill('one\ntwo\nthree\nfour')
  const h4 = await input.evaluate((el) => el.getBoundingClientRect().height)
  expect(h4).toBeGreaterThan(h1 * 2)
  await input.fill('')

  await f.getByRole('button', { name: 'Search' }).click()
  await expect(f.getByRole('button', { name: 'Search' })).toHaveAttribute('aria-pressed', 'true')
  await expect(input).toHaveAttribute('placeholder', 'Search the web for…')
  await f.getByRole('combobox', { name: 'Tool' }).selectOption('draw')
  await expect(f.getByRole('button', { name: 'Search' })).toHaveAttribute('aria-pressed', 'false')
  await expect.poll(() => host.eventsNamed('tool.change')).toEqual([{ toolId: 'search' }, { toolId: 'draw' }])

  const model = f.getByRole('combobox', { name: 'Model' })
  await expect(model).toHaveValue('large')
  await model.selectOption('small')

  await host.call('setComposerValue', { text: 'drafted by the host' })
  await expect(input).toHaveValue('drafted by the host')
  await host.call('focusComposer')
  await expect(input).toBeFocused()
  await page.keyboard.press('Enter')
  await waitDone(host)
  expect(runs).toHaveLength(1)
  expect(runs[0].input.input).toMatchObject({ input: 'drafted by the host', tool: 'draw' })
  expect(runs[0].config.configurable.model).toBe('small')
  await expect(input).toHaveValue('')
})

test('slash commands: keyboard menu, insert_text, client_action → effect, submit_prompt', async ({ page }) => {
  const runs = captureRuns(page)
  const host = await openHost(page, {
    options: {
      composer: {
        slashCommands: [
          { name: 'sign', description: 'Insert my signature', action: { type: 'insert_text', template: 'Best regards, Ada' } },
          { name: 'summarize', description: 'Summarize the chat', action: { type: 'submit_prompt', template: 'Summarize our chat' } },
          { name: 'open-panel', description: 'Open the side panel', action: { type: 'client_action', action: { type: 'open_panel', payload: { id: 7 } } } },
        ],
      },
    },
  })
  const f = host.frame
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.pressSequentially('/')
  const menu = f.getByRole('listbox', { name: 'Commands' })
  await expect(menu.getByRole('option')).toHaveText([/\/sign/, /\/summarize/, /\/open-panel/])
  await expect(menu.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  const second = menu.getByRole('option').nth(1)
  await expect(second).toHaveAttribute('aria-selected', 'true')
  await expect(input).toHaveAttribute('aria-activedescendant', (await second.getAttribute('id'))!)
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)

  await input.fill('')
  await input.pressSequentially('/si')
  await expect(menu.getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(input).toHaveValue('Best regards, Ada')
  expect(runs).toHaveLength(0)

  await input.fill('')
  await input.pressSequentially('/open')
  await page.keyboard.press('Enter')
  await expect.poll(() => host.eventsNamed('effect')).toEqual([{ name: 'open_panel', data: { id: 7 } }])
  await expect(input).toHaveValue('')

  await input.pressSequentially('/summ')
  await page.keyboard.press('Tab')
  await expect(f.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('Summarize our chat')
  await waitDone(host)
  expect(runs[0].input.input.input).toBe('Summarize our chat')
})

test('@-mentions: grouped search results, arrows and Enter, chips with click and a widget preview, references sent', async ({ page }) => {
  const runs = captureRuns(page)
  const clicked: string[] = []
  const queries: string[] = []
  const entities = [
    { id: 'p1', title: 'Ada Lovelace', group: 'People' },
    { id: 'd1', title: 'Design doc', group: 'Docs' },
    { id: 'p2', title: 'Alan Turing', group: 'People' },
  ]
  const host = await openHost(page, {
    callbacks: {
      'entities.onTagSearch': (q: string) => (queries.push(q), entities.filter((e) => e.title.toLowerCase().includes(q.toLowerCase()))),
      'entities.onClick': (e: { id: string }) => void clicked.push(e.id),
      'entities.onRequestPreview': (e: { title: string }) => ({
        preview: { type: 'Basic', children: [{ type: 'Text', value: `Preview card for ${e.title}` }] },
      }),
    },
  })
  const f = host.frame
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.pressSequentially('Ask @')
  const menu = f.getByRole('listbox', { name: 'Mentions' })
  // Grouped: both People together, then Docs.
  await expect(menu.getByRole('option')).toHaveText(['Ada Lovelace', 'Alan Turing', 'Design doc'])
  await expect(menu.getByRole('group', { name: 'People' }).getByRole('option')).toHaveCount(2)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const chips = f.getByRole('list', { name: 'Mentioned' })
  await expect(chips.getByRole('button', { name: '@Alan Turing' })).toBeVisible()
  await expect(input).toHaveValue('Ask ')

  await input.pressSequentially('@de')
  await expect(menu.getByRole('option')).toHaveText(['Design doc'])
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await input.fill('Ask about him')

  await chips.getByRole('button', { name: '@Alan Turing' }).hover()
  await expect(f.getByRole('tooltip')).toContainText('Preview card for Alan Turing')
  await chips.getByRole('button', { name: '@Alan Turing' }).click()
  await expect.poll(() => clicked).toEqual(['p2'])

  await input.press('Enter')
  await waitDone(host)
  expect(runs[0].input.input.references).toEqual([{ type: 'entity', id: 'p2', title: 'Alan Turing', group: 'People' }])
  await expect(chips).toHaveCount(0)
})
