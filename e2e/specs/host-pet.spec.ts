/**
 * displayMode 'pet' (XpertAI's floating assistant) on the plain <xpertai-chatkit> element: the pet
 * appears alone, opens and closes the chat, is dragged by pointer and by arrow keys inside the
 * viewport, keeps its place across a reload, follows setOptions live, and reacts to the chat.
 */
import { expect, test, type Page } from '@playwright/test'
import { axeViolations } from '../support/axe.js'
import { chatFrame, events, lastAnswer, openHost, PAGES } from '../support/sdk-host.js'

const pet = (page: Page, name = 'Open chat') => page.getByRole('button', { name })
const panel = (page: Page) => page.locator('xpertai-chatkit iframe')
const setOptions = (page: Page, extra: Record<string, unknown>) =>
  page.evaluate((o) => (window as any).chat.setOptions({ ...(window as any).options, ...o }), extra)

test('the pet alone opens and closes the chat; Escape closes it and focus returns to the pet', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { displayMode: 'pet' })
  const button = pet(page)
  await expect(button).toBeVisible()
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await expect(panel(page)).toBeHidden()
  // XpertAI's default: 0.25 of a 192 × 208 cell, pinned bottom-right.
  const box = (await button.boundingBox())!
  const vp = page.viewportSize()!
  expect([box.width, box.height]).toEqual([48, 52])
  expect([vp.width - box.x - box.width, vp.height - box.y - box.height]).toEqual([0, 0])
  // The host page with the pet passes axe's WCAG A/AA rules (a named button, big enough a target).
  expect(await axeViolations(page.mainFrame())).toEqual([])

  await button.click()
  await expect(panel(page)).toBeVisible()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expect(button).toHaveAttribute('aria-controls', 'ck-pet-panel')
  const input = chatFrame(page).locator('textarea[aria-label="Message"]')
  await expect(input).toBeFocused()
  // The panel opens beside the pet (above it, right edges aligned), inside the viewport.
  const p = (await panel(page).boundingBox())!
  expect(p.y + p.height).toBeLessThanOrEqual(box.y)
  expect(p.x).toBeGreaterThanOrEqual(0)
  expect(Math.round(p.x + p.width)).toBe(vp.width - 8)

  await input.press('Escape')
  await expect(panel(page)).toBeHidden()
  await expect(button).toBeFocused()
  // Keyboard: Enter opens, Escape on the pet closes.
  await page.keyboard.press('Enter')
  await expect(panel(page)).toBeVisible()
  await button.focus()
  await page.keyboard.press('Escape')
  await expect(panel(page)).toBeHidden()
  // A smaller window keeps it inside.
  await page.setViewportSize({ width: 600, height: 500 })
  const corner = async () => {
    const b = (await button.boundingBox())!
    return [b.x + b.width, b.y + b.height]
  }
  await expect.poll(corner).toEqual([600, 500])
  // Never moved by the user, it stays at its pin when the window grows again.
  await page.setViewportSize(vp)
  await expect.poll(corner).toEqual([vp.width, vp.height])
  expect(await events(page, 'error')).toEqual([])
})

test('dragged by pointer and by arrow keys, kept inside the viewport, the pet is where it was after a reload', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { displayMode: 'pet' })
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  const button = pet(page)
  await expect(button).toBeVisible()
  const start = (await button.boundingBox())!

  // A drag moves it and does not open the chat.
  await page.mouse.move(start.x + 20, start.y + 20)
  await page.mouse.down()
  await page.mouse.move(start.x - 100, start.y - 60, { steps: 8 })
  await page.mouse.move(start.x - 280, start.y - 200, { steps: 8 })
  await page.mouse.up()
  const dragged = (await button.boundingBox())!
  expect([dragged.x, dragged.y]).toEqual([start.x - 300, start.y - 220])
  await expect(panel(page)).toBeHidden()
  await expect(button).toHaveAttribute('aria-expanded', 'false')

  // Beyond the edge it stops at the edge.
  await page.mouse.move(dragged.x + 10, dragged.y + 10)
  await page.mouse.down()
  await page.mouse.move(-500, dragged.y + 10, { steps: 5 })
  await page.mouse.up()
  expect((await button.boundingBox())!.x).toBe(0)

  // Arrow keys move it 10 px (Shift: 50 px).
  await button.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowUp')
  const moved = (await button.boundingBox())!
  expect([moved.x, moved.y]).toEqual([20, dragged.y - 50])
  await expect(panel(page)).toBeHidden()

  await page.reload()
  await expect(pet(page)).toBeVisible()
  const after = (await pet(page).boundingBox())!
  expect([after.x, after.y]).toEqual([moved.x, moved.y])
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('chatkit:pet:position:v1')!))).toEqual({ x: moved.x, y: moved.y })

  // Too little room above or below it here: the panel opens to its right, not covering it.
  await pet(page).click()
  await expect(panel(page)).toBeVisible()
  const p = (await panel(page).boundingBox())!
  expect(Math.round(p.x)).toBe(after.x + after.width + 12)
  expect(p.y).toBeGreaterThanOrEqual(8)
  expect(p.y + p.height).toBeLessThanOrEqual(page.viewportSize()!.height - 8)
})

test('setOptions changes the pet live: label, size, pin, dragging, a sprite character; back to the inline chat and a companion pet', async ({ page }) => {
  await openHost(page, PAGES.vanilla, { displayMode: 'pet' })
  await setOptions(page, {
    displayMode: 'pet',
    pet: { ariaLabel: 'Ask Boba', position: { pin: 'top-left', scale: 0.5, boundsPadding: 16, draggable: false, zIndex: 7 } },
  })
  const button = pet(page, 'Ask Boba')
  await expect(button).toBeVisible()
  expect(await button.boundingBox()).toEqual({ x: 16, y: 16, width: 96, height: 104 })
  expect(await button.evaluate((b) => getComputedStyle(b).zIndex)).toBe('7')
  await button.focus()
  await page.keyboard.press('ArrowRight')
  expect((await button.boundingBox())!.x).toBe(16)

  // A sprite sheet (XpertAI's sprite-atlas character), stepped frame by frame, pixelated.
  const sheet = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="20" height="20" fill="red"/><rect x="20" width="20" height="20" fill="blue"/></svg>')}`
  await setOptions(page, {
    displayMode: 'pet',
    pet: {
      ariaLabel: 'Ask Boba',
      imageRendering: 'pixelated',
      character: {
        type: 'sprite-atlas',
        src: sheet,
        atlas: { columns: 2, rows: 1, cellWidth: 20, cellHeight: 20, animations: { idle: { row: 0, frames: 2, frameDurations: [60, 60] } } },
      },
      position: { scale: 2 },
    },
  })
  const art = button.locator('span')
  await expect(art).toHaveCSS('image-rendering', 'pixelated')
  await expect(art).toHaveCSS('background-position', '100% 0%')
  await expect(art).toHaveCSS('background-position', '0% 0%')
  expect(await button.boundingBox()).toMatchObject({ width: 40, height: 40 })

  // A character URL the page must not load is refused by name; the built-in character shows.
  await setOptions(page, { displayMode: 'pet', pet: { ariaLabel: 'Ask Boba', character: { type: 'sprite-atlas', src: 'javascript:alert(1)' } } })
  await expect
    .poll(async () => (await events(page, 'error')).map((e) => e.detail))
    .toContainEqual(expect.objectContaining({ code: 'invalid_options', message: expect.stringContaining('pet.character.src') }))
  await expect(button.locator('svg')).toBeVisible()

  // Back to the inline chat: the pet is gone, the frame is in the page again.
  await setOptions(page, { displayMode: 'chat' })
  await expect(page.locator('xpertai-chatkit button.ck-pet')).toHaveCount(0)
  await expect(panel(page)).toBeVisible()
  expect(await panel(page).boundingBox()).toMatchObject({ width: 480, height: 640 })

  // A companion (pet with the chat inline): clicking it focuses the composer.
  await setOptions(page, { displayMode: 'chat', pet: true })
  await pet(page, 'Animated pet').click()
  await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toBeFocused()
  await expect(panel(page)).toBeVisible()
  expect(await events(page, 'ready')).toHaveLength(1) // never reloaded
})

test('behavior auto: the pet runs while an answer streams; manual: it idles; reduced motion: nothing moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await openHost(page, PAGES.vanilla, { displayMode: 'pet' })
  const art = pet(page).locator('span')
  await expect(art).toHaveAttribute('data-animation', 'idle')
  expect(await art.locator('svg').evaluate((s) => getComputedStyle(s).animationName)).toBe('none')
  await page.emulateMedia({ reducedMotion: 'no-preference' })
  expect(await art.locator('svg').evaluate((s) => getComputedStyle(s).animationName)).toBe('ck-pet-bob')

  await pet(page).click()
  await chatFrame(page).locator('textarea[aria-label="Message"]').fill('a long answer please')
  await chatFrame(page).locator('textarea[aria-label="Message"]').press('Enter')
  await expect(art).toHaveAttribute('data-animation', 'running')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(art).toHaveAttribute('data-animation', /jumping|idle/)
  await expect(art).toHaveAttribute('data-animation', 'idle')

  await setOptions(page, { displayMode: 'pet', pet: { behavior: 'manual' } })
  // Every animation the pet shows from now on.
  await art.evaluate((a) => {
    ;(window as any).__anims = []
    new MutationObserver(() => (window as any).__anims.push(a.dataset.animation)).observe(a, { attributes: true })
  })
  await chatFrame(page).locator('textarea[aria-label="Message"]').fill('hello again')
  await chatFrame(page).locator('textarea[aria-label="Message"]').press('Enter')
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect.poll(() => events(page, 'response.end')).toHaveLength(2)
  expect(await page.evaluate(() => (window as any).__anims.filter((a: string) => a !== 'idle'))).toEqual([])
  await expect(art).toHaveAttribute('data-animation', 'idle')
})

test('a page without a pet never fetches pet.js', async ({ page }) => {
  const fetched: string[] = []
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname))
  await openHost(page, PAGES.vanilla) // returns after chatkit.ready: the options were applied
  expect(fetched).toContain('/sdk/chatkit.js')
  expect(fetched.filter((p) => /\/(pet|floating)\.js$/.test(p))).toEqual([])
  await expect(page.locator('xpertai-chatkit button.ck-pet')).toHaveCount(0)
})
