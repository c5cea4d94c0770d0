import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEventLogContract } from '../testing/event-log-contract.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { MemoryRunEventLog } from './memory-event-log.js'
import { SqliteRunEventLog } from './sqlite-event-log.js'

describeEventLogContract('memory', { open: async (o) => ({ log: new MemoryRunEventLog(o), close: async () => {} }) })

describeEventLogContract('SQLite', {
  async open(o) {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-log-contract-'))
    const store = new SqliteStore({ dataDir: dir })
    const log = new SqliteRunEventLog(store.db, o)
    return {
      log,
      async close() {
        log.dispose()
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
})
