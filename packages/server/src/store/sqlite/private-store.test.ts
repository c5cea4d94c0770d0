import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineAgent, SqliteStore } from '@xpert-ai/chatkit-server'
import { startTestServer, type TestServer } from '../../testing/harness.js'

const mode = (p: string) => statSync(p).mode & 0o777
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-private-store-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('SqliteStore files are private', () => {
  it('creates the data dir 0700 and the database, WAL and shm 0600, even under umask 000', async () => {
    const old = process.umask(0)
    try {
      const dir = join(tmp, 'fresh', 'data')
      const store = new SqliteStore({ dataDir: dir })
      await store.threads.create({ id: 't1', assistantId: 'a', userId: 'u', title: null, metadata: {}, status: 'idle', createdAt: 'x', updatedAt: 'x' })
      const db = join(dir, 'chatkit.db')
      expect(existsSync(db + '-wal') && existsSync(db + '-shm')).toBe(true)
      expect([mode(dir), mode(db), mode(db + '-wal'), mode(db + '-shm')]).toEqual([0o700, 0o600, 0o600, 0o600])
      expect(store.db.pragma('secure_delete', { simple: true })).toBe(1)
      await store.close()
    } finally {
      process.umask(old)
    }
  })

  it('tightens database files an older version left world-readable', async () => {
    const db = join(tmp, 'chatkit.db')
    for (const f of [db, db + '-wal', db + '-shm']) writeFileSync(f, '', { mode: 0o644 })
    const store = new SqliteStore({ dataDir: tmp })
    expect([mode(db), mode(db + '-wal'), mode(db + '-shm')]).toEqual([0o600, 0o600, 0o600])
    await store.close()
  })
})

describe('a deleted conversation cannot be read back from the database files', () => {
  let s: TestServer
  // An agent that repeats the question, so the text is in the answer and the run-event log too.
  const echo = defineAgent({
    id: 'demo',
    name: 'Echo',
    async *run(ctx) {
      for (const word of `You said: ${ctx.input.text}`.split(' ')) yield { type: 'text', text: word + ' ' }
    },
  })
  beforeAll(async () => void (s = await startTestServer({ sqliteEventLog: true, agents: [echo] })))
  afterAll(() => s.close())

  const bytes = () =>
    ['chatkit.db', 'chatkit.db-wal']
      .map((f) => join(s.dir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('')

  it('leaves no copy of its text in chatkit.db or its WAL (messages, title, run events)', async () => {
    const marker = `zebra${randomBytes(8).toString('hex')}`
    const secret = await s.session('shred')
    const keep = await s.thread(secret)
    await (await s.call(secret, 'POST', `/threads/${keep}/runs/stream`, s.runBody('an unrelated conversation that stays'))).text()
    const id = await s.thread(secret)
    await (await s.call(secret, 'POST', `/threads/${id}/runs/stream`, s.runBody(`please remember ${marker} for me`))).text()
    // Positive control: the text is in the file (messages, title, the run-event log) before the delete.
    s.store.db.pragma('wal_checkpoint(TRUNCATE)')
    // (The run's events are in the journal until it is trimmed, and in the closed run's archive: either counts.)
    const rows = s.store.db
      .prepare('SELECT (SELECT COUNT(*) FROM run_event_logs WHERE events LIKE @m) + (SELECT COUNT(*) FROM run_event_journal WHERE envelope LIKE @m) AS n')
      .get({ m: `%${marker}%` }) as { n: number }
    expect(rows.n).toBeGreaterThan(0)
    expect(bytes().split(marker).length - 1).toBeGreaterThan(1)

    expect((await s.call(secret, 'DELETE', `/conversations/${id}`)).status).toBe(200)
    expect(bytes()).not.toContain(marker)
    // The other conversation is intact.
    expect((await s.call(secret, 'GET', `/conversations/${keep}/messages`)).status).toBe(200)
    expect(bytes()).toContain('an unrelated conversation that stays')
  })
})
