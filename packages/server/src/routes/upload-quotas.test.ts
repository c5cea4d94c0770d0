import { join } from 'node:path'
import { createChatKitHandler, SqliteStore } from '@xpert-ai/chatkit-server'
import { afterEach, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer, type UploadLimits } from '../testing/harness.js'
import { blobsOnDisk, heldUpload, uploadForm, until } from '../testing/uploads.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(uploadLimits: UploadLimits, onError: (message: string, error: unknown) => void = () => {}) {
  const s = await startTestServer({ delayMs: 0, uploadLimits, onError })
  servers.push(s)
  return s
}

const owner = (userId: string) => ({ assistantId: 'demo', userId })
const statuses = (rs: Response[]) => rs.map((r) => r.status).sort()
const codes = async (rs: Response[]) => (await Promise.all(rs.filter((r) => r.status !== 200).map((r) => r.json()))).map((b) => b.error.code)

describe('per-user upload quotas, enforced atomically', () => {
  it('count: 20 parallel uploads from two secrets of one user at 95 of 100 files stop at exactly 100', async () => {
    const s = await start({ maxFilesPerUser: 100, maxConcurrentPerUser: 100 })
    const [a, b] = [await s.session('racer'), await s.session('racer')]
    for (let i = 0; i < 95; i += 19) {
      const batch = await Promise.all(Array.from({ length: 19 }, (_, j) => uploadForm(s.api, j % 2 ? a : b, `pre ${i + j}`)))
      expect(statuses(batch)).toEqual(Array(19).fill(200))
    }
    const race = await Promise.all(Array.from({ length: 20 }, (_, i) => uploadForm(s.api, i % 2 ? a : b, `race ${i}`)))
    expect(race.filter((r) => r.status === 200)).toHaveLength(5)
    expect(new Set(await codes(race))).toEqual(new Set(['file_limit']))
    expect(await s.store.files.usage(owner('racer'))).toMatchObject({ files: 100 })
    expect(blobsOnDisk(join(s.dir, 'files'))).toEqual({ done: expect.any(Array), partial: [] })
    expect(blobsOnDisk(join(s.dir, 'files')).done).toHaveLength(100)
    // A new secret does not reset it; another user is not affected.
    expect((await uploadForm(s.api, await s.session('racer'), 'more')).status).toBe(429)
    expect((await uploadForm(s.api, await s.session('someone-else'), 'mine')).status).toBe(200)
  })

  it('bytes: 20 parallel 1,000-byte uploads from two secrets against 10,000 bytes store exactly 10', async () => {
    const s = await start({ maxBytesPerUser: 10_000, maxConcurrentPerUser: 100 })
    const [a, b] = [await s.session('bytes'), await s.session('bytes')]
    const race = await Promise.all(Array.from({ length: 20 }, (_, i) => uploadForm(s.api, i % 2 ? a : b, String(i % 10).repeat(1000))))
    expect(race.filter((r) => r.status === 200)).toHaveLength(10)
    expect(new Set(await codes(race))).toEqual(new Set(['storage_limit']))
    expect(await s.store.files.usage(owner('bytes'))).toEqual({ files: 10, bytes: 10_000 })
    const disk = blobsOnDisk(join(s.dir, 'files'))
    expect([disk.done.length, disk.partial.length]).toEqual([10, 0])
  })

  it('uploads in progress per user: the third at once is a 429 with Retry-After; others are not held up', async () => {
    const s = await start({ maxConcurrentPerUser: 2 })
    const secret = await s.session('busy')
    const held = [heldUpload(s.api, secret, Buffer.from('first part ')), heldUpload(s.api, secret, Buffer.from('first part '))]
    // Positive signal: both uploads hold their file slot in the store.
    await until(async () => (await s.store.files.usage(owner('busy'))).files === 2, 5000, 'two uploads in progress')
    const third = await uploadForm(s.api, await s.session('busy'), 'third')
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('1')
    expect((await third.json()).error.code).toBe('upload_concurrency')
    expect((await uploadForm(s.api, await s.session('other'), 'not me')).status).toBe(200)
    held.forEach((h) => {
      h.finish()
    })
    const done = await Promise.all(held.map((h) => h.response))
    expect(await Promise.all(done.map((r) => r.json()))).toMatchObject([
      { name: 'held.txt', size: 11 },
      { name: 'held.txt', size: 11 },
    ])
    expect((await uploadForm(s.api, secret, 'now there is room')).status).toBe(200)
  })

  it('the server-wide disk quota counts every user and answers 507 storage_full', async () => {
    const s = await start({ diskQuotaBytes: 3000 })
    expect((await uploadForm(s.api, await s.session('disk-a'), 'a'.repeat(2000))).status).toBe(200)
    const full = await uploadForm(s.api, await s.session('disk-b'), 'b'.repeat(1500))
    expect(full.status).toBe(507)
    expect((await full.json()).error).toMatchObject({ code: 'storage_full' })
    expect(blobsOnDisk(join(s.dir, 'files')).partial).toEqual([])
    expect(await s.store.files.usage(owner('disk-b'))).toEqual({ files: 0, bytes: 0 })
    expect((await uploadForm(s.api, await s.session('disk-b'), 'b'.repeat(1000))).status).toBe(200)
    expect((await uploadForm(s.api, await s.session('disk-c'), 'c')).status).toBe(507)
  })

  it('stops a file past the size limit while it streams: 413 before the body is sent, partial bytes and reservation gone', async () => {
    const s = await start({ maxBytes: 64 * 1024 })
    const secret = await s.session('big')
    // 80 KiB arrive, the rest is held back: the 413 must come without the rest of the body.
    const h = heldUpload(s.api, secret, Buffer.alloc(80 * 1024, 'x'), Buffer.alloc(4 * 1024 * 1024, 'x'))
    const res = await h.response
    expect(res.status).toBe(413)
    expect((await res.json()).error).toMatchObject({ code: 'file_too_large', message: 'file: larger than 65536 bytes' })
    h.fail()
    expect(blobsOnDisk(join(s.dir, 'files'))).toEqual({ done: [], partial: [] })
    expect(await s.store.files.usage(owner('big'))).toEqual({ files: 0, bytes: 0 })
  })

  it('a client that goes away mid-upload leaves no partial file and no reservation, and is no server error', async () => {
    const errors: string[] = []
    const s = await start({}, (m) => errors.push(m))
    const h = heldUpload(s.api, await s.session('quitter'), Buffer.alloc(10_000, 'q'))
    // The reader holds back a boundary's length until more arrives, so not quite all 10,000 are in yet.
    await until(async () => (await s.store.files.usage(owner('quitter'))).bytes > 9_900, 5000, 'bytes reserved')
    expect(blobsOnDisk(join(s.dir, 'files')).partial).toHaveLength(1)
    h.fail()
    await h.response.catch(() => {})
    await until(async () => (await s.store.files.usage(owner('quitter'))).files === 0, 5000, 'reservation freed')
    expect(blobsOnDisk(join(s.dir, 'files'))).toEqual({ done: [], partial: [] })
    expect(errors).toEqual([])
  })
})

describe('upload settings', () => {
  it('are checked when the handler is created; the old per-secret limit is refused by name', async () => {
    const store = new SqliteStore({ filename: ':memory:' })
    const make = (files: object) => () => createChatKitHandler({ store, agents: [], apiKeys: [API_KEY], files: { ...files, sweepIntervalMs: 0 } })
    expect(make({ maxPerSecret: 5 })).toThrow('files.maxPerSecret is gone; quotas are per user now (files.maxFilesPerUser)')
    for (const bad of [{ maxFilesPerUser: 0 }, { maxBytesPerUser: 1.5 }, { maxConcurrentPerUser: -1 }, { diskQuotaBytes: 0 }, { orphanGraceMs: 0 }]) {
      expect(make(bad)).toThrow(/must be a positive integer/)
    }
    await store.close()
  })
})
