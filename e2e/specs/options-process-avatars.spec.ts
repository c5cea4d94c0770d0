/**
 * Issue 19 item 9, in a real cross-origin frame: `composer.models[].avatar` turns the model picker
 * into a menu showing each model's avatar (a `data:` image loads; a third-party URL the frame's
 * CSP would block, and an own-origin URL that 404s, show the name's initial), by keyboard; and
 * `messagePresentation.collapseProcess` folds an answer's reasoning and tool steps into one
 * "process" disclosure (open while streaming, closed once done, opened with Enter). axe finds
 * nothing on the new states, light and dark.
 */
import { expect, test } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { E2E } from '../support/ports.js'
import { chatFrame, events, frameOf, lastAnswer, openHost } from '../support/sdk-host.js'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGOQqzgBRwzEcQAuchXhm9p23gAAAABJRU5ErkJggg=='

for (const scheme of ['light', 'dark'] as const) {
  test(`model avatars in the menu and on its button; the answer's process folds into one disclosure (${scheme})`, async ({ page }) => {
    const models: unknown[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/runs/stream')) models.push(r.postDataJSON()?.config?.configurable?.model)
    })
    await openHost(page, undefined, {
      theme: { colorScheme: scheme },
      messagePresentation: { collapseProcess: true },
      composer: {
        models: [
          { id: 'fast', label: 'Fast', avatar: PNG, default: true },
          { id: 'remote', label: 'Remote', avatar: 'https://cdn.example.com/remote.png' },
          { id: 'broken', label: 'Broken', avatar: { url: `${E2E.api}/chatkit/no-such-avatar.png` } },
        ],
      },
    })
    const f = chatFrame(page)
    const frame = frameOf(page)

    // The button: the chosen model's avatar (decorative) and name.
    const button = f.getByRole('button', { name: 'Model Fast' })
    await expect(button).toHaveAttribute('aria-haspopup', 'menu')
    const img = button.locator('img')
    await expect(img).toHaveAttribute('alt', '')
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(4)

    // The menu, by keyboard: opens on the chosen model; avatars or initials.
    await button.focus()
    await page.keyboard.press('ArrowDown')
    const menu = f.getByRole('menu', { name: 'Model' })
    await expect(menu).toBeVisible()
    await expect(f.getByRole('menuitemradio', { name: 'Fast' })).toBeFocused()
    await expect(f.getByRole('menuitemradio', { name: 'Fast' })).toHaveAttribute('aria-checked', 'true')
    const avatar = (name: string) => f.getByRole('menuitemradio', { name }).locator('.ck-model-avatar')
    await expect(avatar('Fast')).toHaveAttribute('data-avatar', 'image')
    // Not on the frame's img-src: never requested, the initial shows.
    await expect(avatar('Remote')).toHaveAttribute('data-avatar', 'initial')
    expect(await avatar('Remote').evaluate((el) => getComputedStyle(el, '::before').content)).toMatch(/^"R"/)
    // Allowed but broken (404): falls back once the load fails.
    await expect(avatar('Broken')).toHaveAttribute('data-avatar', 'initial')
    expect(await avatar('Broken').evaluate((el) => getComputedStyle(el, '::before').content)).toMatch(/^"B"/)
    expect(await axeViolations(frame), 'model menu open').toEqual([])
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(f.getByRole('menuitemradio', { name: 'Broken' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(menu).toBeHidden()
    await expect(f.getByRole('button', { name: 'Model Broken' })).toBeFocused()

    // The process: open while the answer streams, one closed disclosure once it is done.
    const box = f.getByRole('textbox', { name: 'Message' })
    await box.fill('reason with a tool and a long answer')
    await box.press('Enter')
    const answer = lastAnswer(page)
    const toggle = answer.locator('button.ck-process-toggle')
    await expect(answer).toHaveAttribute('data-status', 'streaming')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
    expect(models).toEqual(['broken'])
    await expect(answer.locator('.ck-process')).toHaveCount(1)
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(toggle).toHaveText(/^Took /)
    await expect(answer.locator('.ck-reasoning')).toHaveCount(0)
    await expect(answer.locator('.ck-step')).toHaveCount(0)
    // The final answer stays visible.
    await expect(answer.locator('.ck-md').last()).toContainText('reason with a tool and a long answer')
    expect(await axeViolations(frame), 'process closed').toEqual([])

    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    const body = answer.locator('.ck-process-body')
    await expect(body.locator('.ck-reasoning')).toHaveCount(1)
    await expect(body.locator('.ck-step[data-tool-type="word_count"]')).toHaveCount(1)
    expect(await toggle.getAttribute('aria-controls')).toBe(await body.getAttribute('id'))
    expect(await axeViolations(frame), 'process open').toEqual([])
    await page.keyboard.press('Space')
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')

    // Neither option is refused or invalid.
    expect((await events(page, 'error')).filter((e) => e.detail?.code === 'invalid_options' || e.detail?.code === 'not_supported')).toEqual([])
  })
}
