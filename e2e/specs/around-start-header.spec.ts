import { expect, test } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'

test.use(aroundBrowser)

test('start screen: greeting, prompts with icons that send, markdown disclaimer with high contrast', async ({ page }) => {
  const host = await openHost(page, {
    options: {
      startScreen: {
        greeting: 'Hello from the host',
        prompts: [
          { label: 'Explain streaming', prompt: 'Tell me about streaming', icon: 'lightbulb' },
          { label: 'Write code', prompt: 'Show me some code', icon: 'square-code' },
        ],
      },
      disclaimer: { text: 'AI can be wrong. Read the [terms](https://example.com/terms).', highContrast: true },
    },
  })
  const f = host.frame
  await expect(f.getByRole('heading', { name: 'Hello from the host' })).toBeVisible()
  const prompts = f.getByRole('list', { name: 'Suggested prompts' }).getByRole('button')
  await expect(prompts).toHaveText(['Explain streaming', 'Write code'])
  await expect(prompts.first().locator('svg.ck-icon path')).toHaveAttribute('d', /\S{10,}/)
  const link = f.locator('.ck-disclaimer a')
  await expect(link).toHaveAttribute('href', 'https://example.com/terms')
  await expect(f.locator('.ck-disclaimer')).toHaveClass(/ck-disclaimer-strong/)

  await prompts.first().click()
  await expect(f.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('Tell me about streaming')
  await expect(f.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  // The start screen is gone once the thread has messages.
  await expect(f.getByRole('heading', { name: 'Hello from the host' })).toHaveCount(0)
})

test('header: static title, host actions call back, new chat resets, header.enabled:false hides it', async ({ page }) => {
  const clicks: string[] = []
  const host = await openHost(page, {
    options: { header: { title: { text: 'Support' }, leftAction: { icon: 'sidebar-left' }, rightAction: { icon: 'settings-cog' } } },
    callbacks: {
      'header.leftAction.onClick': () => void clicks.push('left'),
      'header.rightAction.onClick': () => void clicks.push('right'),
    },
  })
  const f = host.frame
  const header = f.locator('header.ck-header')
  await expect(header).toContainText('Support')
  await header.getByRole('button', { name: 'sidebar left' }).click()
  await header.getByRole('button', { name: 'settings cog' }).click()
  await expect.poll(() => clicks).toEqual(['left', 'right'])
  // The icon set is real drawings, not the fallback dot.
  await expect(header.getByRole('button', { name: 'settings cog' }).locator('path')).not.toHaveAttribute('d', 'M12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4z')

  await host.call('sendUserMessage', { text: 'hello there' })
  await expect(f.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await header.getByRole('button', { name: 'New chat' }).click()
  await expect(f.locator('article')).toHaveCount(0)
  await expect.poll(async () => (await host.eventsNamed('thread.change')).at(-1)).toEqual({ threadId: null })

  await host.setOptions({ header: { enabled: false } })
  await expect(f.locator('header.ck-header')).toHaveCount(0)
  await host.setOptions({ header: { title: { enabled: false } }, history: { enabled: false } })
  await expect(f.locator('header.ck-header')).toBeVisible()
  await expect(f.locator('.ck-header-title')).toHaveText('')
  await expect(f.getByRole('button', { name: 'Conversation history' })).toHaveCount(0)
})

test('header title follows the server conversation title after the first exchange', async ({ page }) => {
  const host = await openHost(page)
  const f = host.frame
  await expect(f.locator('.ck-header-title')).toHaveText('New conversation')
  await host.call('sendUserMessage', { text: 'Plan a picnic for Saturday' })
  await expect(f.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(f.locator('.ck-header-title')).not.toHaveText('New conversation', { timeout: 10_000 })
  await expect(f.locator('.ck-header-title')).toContainText(/picnic/i)
})
