import { describe, expect, it, vi } from 'vitest'
import { AttachmentTray } from './store.js'
import { acceptAttribute, checkFiles } from './validate.js'

const f = (name: string, size: number, type: string) => ({ name, size, type })

describe('checkFiles', () => {
  const rules = { enabled: true, maxSize: 100, maxCount: 2, accept: { 'image/*': ['.png'], 'application/pdf': ['.pdf'] } }
  it('refuses too large, too many and wrong type with reasons', () => {
    const { accepted, refused } = checkFiles(
      [
        f('a.png', 10, 'image/png'),
        f('big.pdf', 500, 'application/pdf'),
        f('x.exe', 1, 'application/x-msdownload'),
        f('b.jpg', 1, 'image/jpeg'),
        f('c.pdf', 1, ''),
      ],
      0,
      rules,
    )
    expect(accepted.map((x) => x.name)).toEqual(['a.png', 'b.jpg'])
    expect(refused).toEqual([
      { kind: 'tooLarge', name: 'big.pdf', max: 100 },
      { kind: 'wrongType', name: 'x.exe' },
      { kind: 'tooMany', max: 2 },
    ])
  })
  it('counts files already attached', () => {
    expect(checkFiles([f('a.png', 1, 'image/png')], 2, rules).refused).toEqual([{ kind: 'tooMany', max: 2 }])
  })
  it('builds the input accept attribute', () => {
    expect(acceptAttribute(rules.accept)).toBe('image/*,.png,application/pdf,.pdf')
  })
})

describe('AttachmentTray', () => {
  const file = (name: string, type = 'text/plain') => new File(['x'.repeat(10)], name, { type })
  const rules = { enabled: true }

  it('is not ready until every upload is done; a failure keeps it not ready until removed', async () => {
    const pending: Record<string, { resolve(v: unknown): void; reject(e: Error): void; progress(f: number): void }> = {}
    const urls = { create: vi.fn(() => 'blob:1'), revoke: vi.fn() }
    const tray = new AttachmentTray({
      upload: (file, progress) => new Promise((resolve, reject) => (pending[file.name] = { resolve: resolve as never, reject, progress })),
      objectUrl: urls,
    })
    tray.add([file('a.txt'), file('b.png', 'image/png')], rules)
    expect(tray.ready.value).toBe(false)
    pending['a.txt'].progress(0.5)
    expect(tray.items.value[0].progress).toBe(0.5)
    pending['a.txt'].resolve({ id: 'f1', name: 'a.txt', mimeType: 'text/plain' })
    pending['b.png'].reject(new Error('connection reset'))
    await new Promise((r) => setTimeout(r))
    expect(tray.items.value.map((a) => a.status)).toEqual(['done', 'error'])
    expect(tray.ready.value).toBe(false)
    tray.remove(tray.items.value[1].key)
    expect(urls.revoke).toHaveBeenCalledWith('blob:1')
    expect(tray.ready.value).toBe(true)
    expect(tray.take()).toEqual([{ id: 'f1', name: 'a.txt', mimeType: 'text/plain' }])
    expect(tray.items.value).toEqual([])
  })

  it('removing a file cancels its upload', () => {
    let signal!: AbortSignal
    const tray = new AttachmentTray({ upload: (_f, _p, s) => ((signal = s), new Promise(() => {})) })
    tray.add([file('a.txt')], rules)
    tray.remove(tray.items.value[0].key)
    expect(signal.aborted).toBe(true)
  })

  it('does nothing when attachments are disabled', () => {
    const upload = vi.fn()
    const tray = new AttachmentTray({ upload })
    tray.add([file('a.txt')], { enabled: false })
    expect(upload).not.toHaveBeenCalled()
  })
})
