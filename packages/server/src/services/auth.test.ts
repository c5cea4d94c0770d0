import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hashSecret, mintClientSecret } from '../auth/secrets.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { authenticate } from './auth.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A real SQLite store whose session lookups are counted. */
function countingStore() {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-auth-'))
  dirs.push(dir)
  const store = new SqliteStore({ dataDir: dir })
  let lookups = 0
  const find = store.sessions.findByHash.bind(store.sessions)
  store.sessions.findByHash = (h) => (lookups++, find(h))
  return { store, lookups: () => lookups }
}

const bearer = (secret: string) => new Request('http://x/api/ai/threads', { headers: { authorization: `Bearer ${secret}` } })

describe('authenticate', () => {
  it('looks a session up in the store once, and still refuses it once it expires', async () => {
    const { store, lookups } = countingStore()
    const secret = mintClientSecret()
    await store.sessions.create({ assistantId: 'a', userId: 'u', secretHash: hashSecret(secret), expiresAt: 10_000, createdAt: new Date(0).toISOString() })
    const clock = { now: () => 1_000 }
    for (let i = 0; i < 3; i++) expect(await authenticate(bearer(secret), store, clock)).toMatchObject({ assistantId: 'a', userId: 'u' })
    expect(lookups()).toBe(1)
    clock.now = () => 10_000
    await expect(authenticate(bearer(secret), store, clock)).rejects.toMatchObject({ status: 401 })
    await store.close()
  })

  it('asks the store again for a secret it did not know (never remembered as unknown)', async () => {
    const { store, lookups } = countingStore()
    const secret = mintClientSecret()
    const clock = { now: () => 1_000 }
    await expect(authenticate(bearer(secret), store, clock)).rejects.toMatchObject({ status: 401 })
    await store.sessions.create({ assistantId: 'a', userId: 'u', secretHash: hashSecret(secret), expiresAt: 10_000, createdAt: new Date(0).toISOString() })
    expect(await authenticate(bearer(secret), store, clock)).toMatchObject({ userId: 'u' })
    expect(lookups()).toBe(2)
    await store.close()
  })
})
