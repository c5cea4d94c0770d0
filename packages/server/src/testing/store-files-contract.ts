import { expect, it } from 'vitest'
import type { FileRecord, Owner, Store, ThreadRecord, UploadQuota } from '../store/types.js'

/**
 * The files and upload-quota part of the `Store` contract (`describeStoreContract` runs it): the
 * upload lifecycle, each limit, file lifetimes, and races between parallel uploads, which must stop
 * exactly at the limit on every backend (SQLite: its write lock; PostgreSQL: row locks).
 */
export function fileContract(get: () => Store): void {
  let n = 0
  const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString()
  const someone = (): Owner => ({ assistantId: 'a', userId: uid('uploader') })
  const wide: UploadQuota = { maxFiles: 1000, maxBytes: 1e12, maxConcurrent: 1000, diskBytes: null }
  /** Uploads that stay in progress; `cancelExpiredUploads(FAR)` still ends them. */
  const LONG = 1e15
  const FAR = Number.MAX_SAFE_INTEGER
  const file = (o: Owner, id: string, size: number, over: Partial<FileRecord> = {}): FileRecord => ({
    ...o,
    id,
    secretHash: uid('secret'),
    threadId: null,
    name: 'a.png',
    mimeType: 'image/png',
    size,
    createdAt: at(0),
    ...over,
  })
  const thread = async (o: Owner): Promise<ThreadRecord> => {
    const t: ThreadRecord = { id: uid('t'), ...o, title: null, metadata: {}, status: 'idle', createdAt: at(0), updatedAt: at(0) }
    await get().threads.create(t)
    return t
  }
  /** An upload begun and finished with `size` bytes. */
  const stored = async (o: Owner, size: number, over: Partial<FileRecord> = {}) => {
    const id = uid('f')
    expect(await get().files.beginUpload({ ...o, id, expiresAt: LONG }, wide, 0)).toBeNull()
    expect(await get().files.reserveBytes(id, size, wide)).toBeNull()
    const f = file(o, id, size, over)
    await get().files.finishUpload(f)
    return f
  }

  it('files: an upload in progress can be looked up by id until it finishes or is cancelled', async () => {
    const s = get()
    const o = someone()
    const [a, b] = [uid('f'), uid('f')]
    expect(await s.files.pendingUpload(a)).toBeNull()
    expect(await s.files.beginUpload({ ...o, id: a, expiresAt: 12_345 }, wide, 0)).toBeNull()
    expect(await s.files.beginUpload({ ...o, id: b, expiresAt: LONG }, wide, 0)).toBeNull()
    expect(await s.files.pendingUpload(a)).toEqual({ ...o, id: a, expiresAt: 12_345 })
    expect(await s.files.reserveBytes(a, 3, wide)).toBeNull()
    await s.files.finishUpload(file(o, a, 3))
    await s.files.cancelUpload(b)
    expect(await s.files.pendingUpload(a)).toBeNull()
    expect(await s.files.pendingUpload(b)).toBeNull()
    // Leaves nothing behind for the suites that count every stored file and byte.
    expect(await s.files.deleteForOwner(o)).toEqual([a])
  })

  it('files: an upload holds one file and its reserved bytes until it finishes or is cancelled', async () => {
    const s = get()
    const o = someone()
    const id = uid('f')
    expect(await s.files.beginUpload({ ...o, id, expiresAt: 10_000 }, wide, 0)).toBeNull()
    expect(await s.files.usage(o)).toEqual({ files: 1, bytes: 0 })
    expect(await s.files.reserveBytes(id, 3_000_000_000, wide)).toBeNull()
    expect(await s.files.usage(o)).toEqual({ files: 1, bytes: 3_000_000_000 })
    expect(await s.files.known([id, 'nope'])).toEqual(new Set([id]))
    const f = file(o, id, 2_999_999_000)
    await s.files.finishUpload(f)
    expect(await s.files.get(id)).toEqual(f)
    expect(await s.files.usage(o)).toEqual({ files: 1, bytes: 2_999_999_000 })
    await expect(s.files.reserveBytes(id, 1, wide)).rejects.toThrow(/no longer in progress/)

    const gone = uid('f')
    await s.files.beginUpload({ ...o, id: gone, expiresAt: 10_000 }, wide, 0)
    await s.files.reserveBytes(gone, 500, wide)
    await s.files.cancelUpload(gone)
    await s.files.cancelUpload(gone)
    const late = uid('f')
    await s.files.beginUpload({ ...o, id: late, expiresAt: 5_000 }, wide, 0)
    expect(await s.files.cancelExpiredUploads(4_000)).toEqual([])
    expect(await s.files.cancelExpiredUploads(6_000)).toEqual([late])
    expect(await s.files.usage(o)).toEqual({ files: 1, bytes: 2_999_999_000 })
    expect(await s.files.deleteForOwner(o)).toEqual([id])
    expect(await s.files.usage(o)).toEqual({ files: 0, bytes: 0 })
    expect(await s.files.known([id, gone, late])).toEqual(new Set())
  })

  it('files: each limit refuses with its name and changes nothing', async () => {
    const s = get()
    const o = someone()
    await stored(o, 60)
    const first = uid('f')
    expect(await s.files.beginUpload({ ...o, id: first, expiresAt: 10_000 }, wide, 0)).toBeNull()
    const q = (over: Partial<UploadQuota>): UploadQuota => ({ ...wide, ...over })
    expect(await s.files.beginUpload({ ...o, id: uid('f'), expiresAt: 10_000 }, q({ maxConcurrent: 1 }), 0)).toBe('concurrent')
    // An upload past its deadline no longer counts as in progress.
    expect(await s.files.beginUpload({ ...o, id: uid('f'), expiresAt: 10_000 }, q({ maxConcurrent: 1 }), 20_000)).toBe(null)
    expect(await s.files.beginUpload({ ...o, id: uid('f'), expiresAt: 10_000 }, q({ maxFiles: 3 }), 0)).toBe('files')
    expect(await s.files.beginUpload({ ...o, id: uid('f'), expiresAt: 10_000 }, q({ maxBytes: 60 }), 0)).toBe('bytes')
    expect(await s.files.reserveBytes(first, 41, q({ maxBytes: 100 }))).toBe('bytes')
    expect(await s.files.reserveBytes(first, 40, q({ maxBytes: 100 }))).toBeNull()
    expect(await s.files.usage(o)).toEqual({ files: 3, bytes: 100 })
    await s.files.cancelExpiredUploads(FAR)
    await s.files.deleteForOwner(o)
  })

  it('files: a conversation keeps the files its messages refer to; orphans go after the grace period', async () => {
    const s = get()
    const o = someone()
    const [t1, t2] = [await thread(o), await thread(o)]
    const own = await stored(o, 10, { threadId: t1.id })
    const shared = await stored(o, 20)
    const lone = await stored(o, 30, { createdAt: at(5) })
    await s.files.attach([own.id, shared.id], t1.id)
    await s.files.attach([shared.id, 'missing'], t2.id)
    // Another conversation still refers to `shared`: it stays.
    expect(await s.files.deleteForThread(t1.id)).toEqual([own.id])
    await s.threads.delete(t1.id)
    expect(await s.files.deleteOrphans(at(5))).toEqual([])
    expect(await s.files.deleteOrphans(at(6))).toEqual([lone.id])
    expect(await s.files.usage(o)).toEqual({ files: 1, bytes: 20 })
    expect(await s.files.deleteForThread(t2.id)).toEqual([shared.id])
    expect(await s.files.usage(o)).toEqual({ files: 0, bytes: 0 })
  })

  it('files: 20 parallel uploads at 95 of 100 files stop exactly at 100', async () => {
    const s = get()
    const o = someone()
    const q: UploadQuota = { ...wide, maxFiles: 100 }
    for (let i = 0; i < 95; i++) expect(await s.files.beginUpload({ ...o, id: uid('f'), expiresAt: LONG }, q, 0)).toBeNull()
    const results = await Promise.all(Array.from({ length: 20 }, () => s.files.beginUpload({ ...o, id: uid('f'), expiresAt: LONG }, q, 0)))
    expect(results.filter((r) => r === null)).toHaveLength(5)
    expect(results.filter((r) => r === 'files')).toHaveLength(15)
    expect(await s.files.usage(o)).toEqual({ files: 100, bytes: 0 })
    expect(await s.files.cancelExpiredUploads(FAR)).toHaveLength(100)
    expect(await s.files.usage(o)).toEqual({ files: 0, bytes: 0 })
  })

  it('files: 20 users reserving in parallel stop exactly at the disk quota', async () => {
    const s = get()
    // Empty the server's usage first: what earlier tests left is either unattached or an upload.
    await s.files.cancelExpiredUploads(FAR)
    await s.files.deleteOrphans('9999-12-31T00:00:00.000Z')
    const users = Array.from({ length: 20 }, someone)
    const ids = users.map(() => uid('f'))
    for (const [i, o] of users.entries()) await s.files.beginUpload({ ...o, id: ids[i], expiresAt: LONG }, wide, 0)
    const q: UploadQuota = { ...wide, diskBytes: 100 }
    const results = await Promise.all(ids.map((id) => s.files.reserveBytes(id, 10, q)))
    expect(results.filter((r) => r === null)).toHaveLength(10)
    expect(results.filter((r) => r === 'disk')).toHaveLength(10)
    const held = await Promise.all(users.map((o) => s.files.usage(o)))
    expect(held.reduce((sum, u) => sum + u.bytes, 0)).toBe(100)
    expect(await s.files.beginUpload({ ...someone(), id: uid('f'), expiresAt: LONG }, q, 0)).toBe('disk')
    await s.files.cancelExpiredUploads(FAR)
  })
}
