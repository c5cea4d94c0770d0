import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createChatKitHandler, createDemoAgent, DiskBlobStore } from '@xpert-ai/chatkit-server'
import { afterEach, describe, expect, it } from 'vitest'
import { API_KEY, startTestServer, type TestServer } from '../testing/harness.js'
import { blobsOnDisk, heldUpload, uploadForm, until } from '../testing/uploads.js'
import { newId } from '../util/ids.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(uploadLimits = {}) {
  const s = await startTestServer({ delayMs: 0, uploadLimits })
  servers.push(s)
  return s
}

const HOUR = 3_600_000
const owner = (userId: string) => ({ assistantId: 'demo', userId })

async function upload(s: TestServer, secret: string, text: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await uploadForm(s.api, secret, text, 'note.txt', fields)
  expect(res.status).toBe(200)
  return ((await res.json()) as { id: string }).id
}

/** Sends a message with these files in `thread` and waits for the answer. */
async function send(s: TestServer, secret: string, thread: string, ids: string[]) {
  const res = await s.call(secret, 'POST', `/threads/${thread}/runs/stream`, { input: { input: { input: 'read these', files: ids.map((id) => ({ id })) } } })
  expect(res.status).toBe(200)
  await res.text()
}

const onDisk = (s: TestServer) => blobsOnDisk(join(s.dir, 'files')).done.sort()

describe('files live as long as their conversation', () => {
  it('deleting a conversation deletes its files from disk and frees the quota; a file another conversation uses stays', async () => {
    const s = await start()
    const secret = await s.session('deleter')
    const [t1, t2] = [await s.thread(secret), await s.thread(secret)]
    const only = await upload(s, secret, 'only in t1')
    const shared = await upload(s, secret, 'in t1 and t2')
    const unsent = await upload(s, secret, 'uploaded for t1, never sent', { threadId: t1 })
    const other = await upload(s, secret, 'only in t2')
    await send(s, secret, t1, [only, shared])
    await send(s, secret, t2, [shared, other])
    expect(onDisk(s)).toEqual([only, shared, unsent, other].sort())

    expect((await s.call(secret, 'DELETE', `/conversations/${t1}`)).status).toBe(200)
    expect(onDisk(s)).toEqual([shared, other].sort())
    expect(await s.store.files.usage(owner('deleter'))).toEqual({ files: 2, bytes: 'in t1 and t2'.length + 'only in t2'.length })
    const get = (id: string) => fetch(`${s.api}/contexts/file/${id}`, { headers: { authorization: `Bearer ${secret}` } })
    expect((await get(only)).status).toBe(404)
    expect((await get(shared)).status).toBe(200)

    expect((await s.call(secret, 'DELETE', `/conversations/${t2}`)).status).toBe(200)
    expect(onDisk(s)).toEqual([])
    expect(await s.store.files.usage(owner('deleter'))).toEqual({ files: 0, bytes: 0 })
  })

  it("deleting a user's data removes their conversations and every file of theirs, and nobody else's", async () => {
    const s = await start()
    const gone = await s.session('gone')
    const stays = await s.session('stays')
    const thread = await s.thread(gone)
    await send(s, gone, thread, [await upload(s, gone, 'attached')])
    await upload(s, gone, 'never sent')
    const kept = await upload(s, stays, 'not theirs')
    expect(await s.handler.deleteUserData(owner('gone'))).toEqual({ conversations: 1, files: 2 })
    expect(onDisk(s)).toEqual([kept])
    expect((await s.call(gone, 'GET', `/conversations/${thread}`)).status).toBe(404)
    expect(await s.store.files.usage(owner('gone'))).toEqual({ files: 0, bytes: 0 })
  })
})

describe('the file sweep', () => {
  it('deletes files never sent once past the grace period, and files whose conversation is gone; sent files stay', async () => {
    const s = await start({ orphanGraceMs: 2 * HOUR })
    const secret = await s.session('sweep')
    const thread = await s.thread(secret)
    const sent = await upload(s, secret, 'sent')
    const unsent = await upload(s, secret, 'never sent')
    await send(s, secret, thread, [sent])
    expect(await s.handler.sweepFiles()).toEqual({ expiredUploads: 0, orphanFiles: 0, strayBlobs: 0 })
    expect(onDisk(s)).toEqual([sent, unsent].sort())

    s.clock.advance(2 * HOUR + 1)
    expect(await s.handler.sweepFiles()).toEqual({ expiredUploads: 0, orphanFiles: 1, strayBlobs: 0 })
    expect(onDisk(s)).toEqual([sent])
    expect(await s.store.files.get(unsent)).toBeNull()

    // The conversation goes without its files (as a store outside the API would delete it): the next sweep collects them.
    await s.store.threads.delete(thread)
    expect(await s.handler.sweepFiles()).toMatchObject({ orphanFiles: 1 })
    expect(onDisk(s)).toEqual([])
    expect(await s.store.files.usage(owner('sweep'))).toEqual({ files: 0, bytes: 0 })
  })

  it('cancels an upload past its deadline (its reservation and partial bytes), and the upload gets a 408', async () => {
    const s = await start({ uploadTimeoutMs: 60_000 })
    const h = heldUpload(s.api, await s.session('slow'), Buffer.alloc(5000, 's'), Buffer.alloc(5000, 's'))
    await until(async () => (await s.store.files.usage(owner('slow'))).bytes > 4000, 5000, 'bytes reserved')
    s.clock.advance(60_001)
    expect(await s.handler.sweepFiles()).toEqual({ expiredUploads: 1, orphanFiles: 0, strayBlobs: 0 })
    expect(blobsOnDisk(join(s.dir, 'files')).partial).toEqual([])
    expect(await s.store.files.usage(owner('slow'))).toEqual({ files: 0, bytes: 0 })
    h.finish()
    const res = await h.response
    expect(res.status).toBe(408)
    expect((await res.json()).error.code).toBe('upload_timeout')
  })

  it('after a crash: recovery cancels its uploads in progress, and the startup sweep removes bytes nobody owns', async () => {
    const s = await start()
    const kept = await upload(s, await s.session('crash'), 'kept')
    const dir = join(s.dir, 'files')
    const [partial, stray] = [newId(), newId()]
    // What a server killed mid-upload leaves: the upload's reservation and its partial bytes.
    const quota = { maxFiles: 10, maxBytes: 10_000, maxConcurrent: 4, diskBytes: null }
    expect(await s.store.files.beginUpload({ id: partial, ...owner('crash'), expiresAt: s.clock.now() + HOUR }, quota, s.clock.now())).toBeNull()
    expect(await s.store.files.reserveBytes(partial, 14, quota)).toBeNull()
    mkdirSync(join(dir, '.partial'), { recursive: true })
    writeFileSync(join(dir, '.partial', partial), 'half an upload')
    expect(await s.store.recoverInterrupted(new Date(s.clock.now()).toISOString())).toEqual({ runs: 0, messages: 0, uploads: 1 })
    expect(await s.store.files.usage(owner('crash'))).toEqual({ files: 1, bytes: 'kept'.length })
    writeFileSync(join(dir, stray), 'a file whose record is gone')
    writeFileSync(join(dir, 'README'), 'not an id: never touched')
    // A second handler on the same store and directory, as after a restart: its startup sweep cleans up.
    const restarted = createChatKitHandler({
      store: s.store,
      agents: [createDemoAgent()],
      apiKeys: [API_KEY],
      clock: s.clock,
      onError: () => {},
      files: { blobs: new DiskBlobStore(dir) },
    })
    try {
      await until(() => blobsOnDisk(dir).partial.length === 0 && !blobsOnDisk(dir).done.includes(stray), 5000, 'the startup sweep')
      expect(blobsOnDisk(dir)).toEqual({ done: expect.arrayContaining([kept, 'README']), partial: [] })
      expect(blobsOnDisk(dir).done).toHaveLength(2)
    } finally {
      await restarted.shutdown(1000)
    }
  })
})
