import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { describeStoreContract } from '../../testing/store-contract.js'
import { SqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'chatkit-store-contract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describeStoreContract('SQLite', {
  open: async () => new SqliteStore({ dataDir: dir }),
  reopen: async (store) => {
    await store.close()
    return new SqliteStore({ dataDir: dir })
  },
})
