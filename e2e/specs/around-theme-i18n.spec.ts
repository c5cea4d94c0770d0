import { expect, test } from '@playwright/test'
import { aroundBrowser, openHost, type Host } from '../support/host.js'
import { E2E } from '../support/ports.js'

test.use(aroundBrowser)

const rootVar = (host: Host, name: string) => host.frame.locator('html').evaluate((el, n) => getComputedStyle(el).getPropertyValue(n).trim(), name)
const style = (host: Host, selector: string, prop: string) =>
  host.frame
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop)

test('theme options become --ck-* variables and update live through setOptions', async ({ page }) => {
  const host = await openHost(page, {
    options: {
      theme: {
        colorScheme: 'dark',
        radius: 'sharp',
        density: 'compact',
        typography: {
          baseSize: 18,
          fontFamily: 'Georgia',
          fontFamilyMono: 'Courier New',
          fontSources: [{ family: 'Brand Sans', src: `${E2E.api}/chatkit/brand.woff2`, weight: 400 }],
        },
        color: { grayscale: { hue: 30, tint: 4 }, accent: { primary: '#ff00aa', level: 2 }, surface: { background: '#101418', foreground: '#e8e8e8' } },
      },
    },
  })
  const f = host.frame
  await expect(f.locator('html')).toHaveAttribute('data-color-scheme', 'dark')
  await expect.poll(() => rootVar(host, '--ck-radius')).toBe('2px')
  expect(await rootVar(host, '--ck-space')).toBe('10px')
  expect(await rootVar(host, '--ck-bg')).toBe('#101418')
  expect(await rootVar(host, '--ck-accent')).toMatch(/^#[0-9a-f]{6}$/)
  expect(await style(host, 'body', 'font-size')).toBe('18px')
  expect(await style(host, 'body', 'font-family')).toContain('Georgia')
  expect(await style(host, 'body', 'background-color')).toBe('rgb(16, 20, 24)')
  expect(await f.locator('style#ck-font-faces').evaluate((el) => el.textContent)).toMatch(
    /@font-face\{font-family:"Brand Sans";src:url\("http:\/\/127\.0\.0\.1:\d+\/chatkit\/brand\.woff2"\)/,
  )

  // A bad value is reported by path; the rest still applies.
  await host.setOptions({ theme: { colorScheme: 'light', radius: 'pill', color: { accent: { primary: 'not-a-color', level: 1 } } } })
  await expect(f.locator('html')).toHaveAttribute('data-color-scheme', 'light')
  await expect.poll(() => rootVar(host, '--ck-radius')).toBe('22px')
  await expect.poll(async () => (await host.eventsNamed('error')).map((e) => e.message).join('\n')).toContain('theme.color.accent.primary')
  // Back to a plain scheme: the object's values are gone (round radius, no font faces).
  await host.setOptions({ theme: 'light' })
  await expect.poll(() => rootVar(host, '--ck-radius')).toBe('16px')
  await expect(f.locator('style#ck-font-faces')).toHaveCount(0)
})

test('prefers-reduced-motion turns animations and transitions off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  const host = await openHost(page)
  expect(await style(host, 'form.ck-composer', 'transition-duration')).toBe('1e-05s')
  expect(await style(host, 'body', 'animation-duration')).toBe('1e-05s')
})

test('locale: strings, lang, Accept-Language, Intl dates; Arabic is right-to-left; unknown falls back to English', async ({ page }, info) => {
  const languages: string[] = []
  page.on('request', (r) => r.url().includes('/api/ai/threads') && languages.push(r.headers()['accept-language']))
  const host = await openHost(page, { options: { locale: 'es' } })
  const f = host.frame
  await expect(f.getByRole('button', { name: 'Enviar' })).toBeVisible()
  await expect(f.getByRole('textbox', { name: 'Mensaje' })).toHaveAttribute('placeholder', 'Escribe al asistente')
  await expect(f.locator('html')).toHaveAttribute('lang', 'es')
  await host.call('sendUserMessage', { text: 'hola' })
  await expect(f.locator('article[data-message-role="assistant"]')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  expect(languages.length).toBeGreaterThan(0)
  expect(new Set(languages)).toEqual(new Set(['es']))
  await host.call('showHistory')
  await expect(f.getByRole('region', { name: 'Historial' }).locator('time').first()).toHaveText(/^hace \d+ (segundos?|minutos?)$|^ahora$/)
  await host.call('hideHistory')

  await host.setOptions({ locale: 'ar' })
  await expect(f.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(f.getByRole('button', { name: 'إرسال' })).toBeVisible()
  // Mirrored: the send button sits at the start (left) of the composer row in RTL.
  const send = (await f.getByRole('button', { name: 'إرسال' }).boundingBox())!
  const box = (await f.locator('form.ck-composer').boundingBox())!
  expect(send.x).toBeLessThan(box.x + box.width / 2)
  await host.call('setThreadId', null)
  await expect(f.getByRole('heading', { name: 'كيف يمكنني مساعدتك اليوم؟' })).toBeVisible()
  const shot = await page.locator('xpertai-chatkit').screenshot({ path: info.outputPath('arabic-rtl.png') })
  await info.attach('arabic-rtl', { body: shot, contentType: 'image/png' })
  expect(shot.length).toBeGreaterThan(8000)

  await host.setOptions({ locale: 'tlh' })
  await expect(f.getByRole('button', { name: 'Send' })).toBeVisible()
  await expect(f.locator('html')).toHaveAttribute('dir', 'ltr')
})
