import { expect, test, type Page } from '@playwright/test'
import { aroundBrowser, openHost } from '../support/host.js'
import { mintSecret } from '../support/secrets.js'
import { E2E } from '../support/ports.js'
import { startThrottleProxy, type ThrottleProxy } from '../support/throttle-proxy.js'

test.use(aroundBrowser)

const MB = 1_000_000
const attachments = {
  enabled: true,
  maxSize: 6 * MB,
  maxCount: 3,
  accept: { 'image/*': ['.png'], 'text/plain': ['.txt'], 'application/octet-stream': ['.bin'] },
}
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const file = (name: string, size: number, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: Buffer.alloc(size, 7) })

function observe(page: Page) {
  const uploads: string[] = []
  const runs: any[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/ai/contexts/file') && r.method() === 'POST') uploads.push(r.url())
    if (/\/runs\/stream$/.test(r.url())) runs.push(r.postDataJSON())
  })
  return { uploads, runs }
}

let proxy: ThrottleProxy | null = null
test.afterEach(async () => {
  await proxy?.close()
  proxy = null
})

/** The frame and its API through a proxy that paces uploads (see throttle-proxy.ts). */
async function throughProxy(bytesPerSecond: number) {
  proxy = await startThrottleProxy(E2E.extraPort(0), { host: '127.0.0.1', port: E2E.apiPort }, bytesPerSecond)
  return { frameUrl: proxy.origin + '/chatkit/', api: { apiUrl: proxy.origin + '/api/ai' } }
}

test('a 5 MB file shows upload progress, blocks sending until done, and arrives with the message', async ({ page }) => {
  const seen = observe(page)
  const host = await openHost(page, { options: { ...(await throughProxy(Infinity)), composer: { attachments } } })
  const f = host.frame
  proxy!.setRate(2 * MB)
  await f.locator('input[type="file"]').setInputFiles(file('report.bin', 5 * MB))
  const item = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  const bar = item.getByRole('progressbar', { name: 'Uploading report.bin' })
  await expect(bar).toBeVisible()
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.fill('here is the report')
  await expect(f.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(f.getByText('Wait until the uploads finish')).toBeVisible()
  // The bar moves: some value strictly between 0 and 1 is observed.
  await expect.poll(async () => Number((await bar.getAttribute('value').catch(() => null)) ?? 1), { timeout: 15_000 }).toBeGreaterThan(0.05)
  await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await input.press('Enter')
  await expect(f.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const sent = seen.runs[0].input.input.files
  expect(sent).toEqual([{ id: expect.any(String), name: 'report.bin', mimeType: expect.any(String) }])
  // It arrived: the server has all 5 MB under that id.
  const res = await fetch(`${E2E.api}/api/ai/contexts/file/${sent[0].id}`, { headers: { authorization: `Bearer ${await mintSecret(host.user)}` } })
  expect(res.status).toBe(200)
  expect((await res.arrayBuffer()).byteLength).toBe(5 * MB)
  await expect(item).toHaveCount(0)
})

test('too large, wrong type and too many are refused before any upload, with clear messages; image previews; drop works', async ({ page }) => {
  const seen = observe(page)
  const host = await openHost(page, { options: { composer: { attachments } } })
  const f = host.frame
  const picker = f.locator('input[type="file"]')
  await picker.setInputFiles([file('huge.bin', 7 * MB), file('tool.exe', 10, 'application/x-msdownload')])
  const alert = f.locator('.ck-refusals[role="alert"]')
  await expect(alert).toContainText('huge.bin is too large (the limit is 6 MB)')
  await expect(alert).toContainText('tool.exe is not an accepted file type')
  expect(seen.uploads).toHaveLength(0)
  await alert.getByRole('button', { name: 'Dismiss' }).click()

  await picker.setInputFiles([
    { name: 'dot.png', mimeType: 'image/png', buffer: PNG },
    file('a.txt', 5, 'text/plain'),
    file('b.txt', 5, 'text/plain'),
    file('c.txt', 5, 'text/plain'),
  ])
  await expect(alert).toContainText('At most 3 files can be attached')
  const items = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  await expect(items).toHaveCount(3)
  await expect(items.first().locator('img')).toHaveAttribute('src', /^blob:/)
  await items.first().getByRole('button', { name: 'Remove dot.png' }).click()
  await expect(items).toHaveCount(2)

  // Drag and drop onto the composer.
  const frame = await host.rawFrame()
  const dt = await frame.evaluateHandle(() => {
    const d = new DataTransfer()
    d.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }))
    return d
  })
  await f.locator('form.ck-composer').dispatchEvent('drop', { dataTransfer: dt })
  await expect(items).toHaveCount(3)
  await expect(items.last()).toContainText('dropped.txt')
  await expect(items.last()).toHaveAttribute('data-status', 'done')
})

test('an upload cut off midway leaves no half-sent message', async ({ page }) => {
  const seen = observe(page)
  const host = await openHost(page, { options: { ...(await throughProxy(Infinity)), composer: { attachments } } })
  const f = host.frame
  proxy!.setRate(1 * MB)
  await f.locator('input[type="file"]').setInputFiles(file('partial.bin', 5 * MB))
  const item = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  const bar = item.getByRole('progressbar')
  await expect.poll(async () => Number((await bar.getAttribute('value').catch(() => null)) ?? 0), { timeout: 15_000 }).toBeGreaterThan(0.1)
  proxy!.breakUploads()
  await expect(item).toHaveAttribute('data-status', 'error', { timeout: 20_000 })
  await expect(item).toContainText('partial.bin could not be uploaded')
  proxy!.setRate(Infinity)

  const input = f.getByRole('textbox', { name: 'Message' })
  await input.fill('please read the file')
  await expect(f.getByRole('button', { name: 'Send' })).toBeDisabled()
  await input.press('Enter')
  // Enter was refused in its own key handler: the text stays in the composer (a send clears it at once).
  await expect(input).toHaveValue('please read the file')
  expect(seen.runs).toHaveLength(0)
  await expect(f.locator('article')).toHaveCount(0)

  // Removing the failed file lets the text go, without any file.
  await item.getByRole('button', { name: 'Remove partial.bin' }).click()
  await input.press('Enter')
  await expect(f.locator('article[data-message-role="user"] .ck-user-text')).toHaveText('please read the file')
  await expect.poll(() => seen.runs.length).toBe(1)
  expect(seen.runs[0].input.input.files).toEqual([])
})

test('uploadStrategy two_phase: the file is declared, its bytes PUT to the descriptor with progress, and it arrives with the message', async ({ page }) => {
  const calls: string[] = []
  page.on('request', (r) => {
    if (/\/api\/ai\/contexts\/file/.test(r.url())) calls.push(`${r.method()} ${new URL(r.url()).pathname}`)
  })
  const seen = observe(page)
  const target = await throughProxy(Infinity)
  const host = await openHost(page, { options: { ...target, api: { ...target.api, uploadStrategy: { type: 'two_phase' } }, composer: { attachments } } })
  const f = host.frame
  proxy!.setRate(1 * MB)
  await f.locator('input[type="file"]').setInputFiles(file('two.bin', 2 * MB))
  const item = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  const bar = item.getByRole('progressbar', { name: 'Uploading two.bin' })
  await expect.poll(async () => Number((await bar.getAttribute('value').catch(() => null)) ?? 1), { timeout: 15_000 }).toBeGreaterThan(0.05)
  await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await f.getByRole('textbox', { name: 'Message' }).fill('two phases')
  await f.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(f.locator('article[data-message-role="assistant"]').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const sent = seen.runs[0].input.input.files
  expect(sent).toEqual([{ id: expect.any(String), name: 'two.bin', mimeType: expect.any(String) }])
  // Declared, then sent to the descriptor under the declared id; never the one-phase upload.
  expect(calls).toEqual(['POST /api/ai/contexts/file/uploads', `PUT /api/ai/contexts/file/uploads/${sent[0].id}`])
  expect(seen.uploads).toEqual([])
  const res = await fetch(`${E2E.api}/api/ai/contexts/file/${sent[0].id}`, { headers: { authorization: `Bearer ${await mintSecret(host.user)}` } })
  expect(res.status).toBe(200)
  expect((await res.arrayBuffer()).byteLength).toBe(2 * MB)
})
