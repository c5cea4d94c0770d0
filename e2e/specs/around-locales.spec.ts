/**
 * The languages added with issue 19 render in the real frame: a browser tag with a region
 * (`ko-KR`) picks the Korean file, loaded lazily; a live change switches the strings; the legacy
 * Indonesian tag `in-ID` picks Indonesian.
 */
import { expect, test } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'

test.use(aroundBrowser)

test('Korean, Vietnamese and Indonesian render by their browser tags, lazily loaded and switched live', async ({ page }) => {
  const chunks: string[] = []
  page.on('response', (r) => /\/assets\/(ko|vi|id)-[\w-]+\.js$/.test(r.url()) && chunks.push(r.url().replace(/^.*\/assets\/|-[\w-]+\.js$/g, '')))
  const host = await openHost(page, { options: { locale: 'ko-KR' } })
  const f = host.frame
  await expect(f.getByRole('button', { name: '보내기' })).toBeVisible()
  await expect(f.getByRole('textbox', { name: '메시지' })).toHaveAttribute('placeholder', '어시스턴트에게 메시지 보내기')
  await expect(f.getByRole('heading', { name: '오늘 무엇을 도와드릴까요?' })).toBeVisible()
  await expect(f.locator('html')).toHaveAttribute('lang', 'ko')

  await host.setOptions({ locale: 'vi-VN' })
  await expect(f.getByRole('button', { name: 'Gửi' })).toBeVisible()
  await expect(f.getByRole('heading', { name: 'Hôm nay tôi có thể giúp gì cho bạn?' })).toBeVisible()
  await expect(f.locator('html')).toHaveAttribute('lang', 'vi')

  await host.setOptions({ locale: 'in-ID' })
  await expect(f.getByRole('button', { name: 'Kirim' })).toBeVisible()
  await expect(f.locator('html')).toHaveAttribute('lang', 'id')
  expect(chunks).toEqual(['ko', 'vi', 'id'])
})
