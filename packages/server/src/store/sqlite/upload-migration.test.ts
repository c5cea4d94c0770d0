import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '@xpert-ai/chatkit-server'
import { expect, it } from 'vitest'

it('migration 3 links files already sent in messages to their conversation and counts existing usage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-migration-3-'))
  try {
    // A database as schema version 2 left it, with files (one sent in a message, two never sent).
    const old = new SqliteStore({ dataDir: dir })
    old.db.exec(`DROP TABLE follow_ups; DROP TABLE file_links; DROP TABLE uploads; DROP TABLE upload_usage; DROP TABLE upload_totals;
      DROP INDEX files_owner; DROP INDEX files_created; DROP INDEX files_thread; CREATE INDEX files_secret ON files(secret_hash);
      DROP TABLE run_event_journal; ALTER TABLE run_event_logs DROP COLUMN first_row; ALTER TABLE run_event_logs DROP COLUMN events;
      CREATE TABLE run_events (run_id TEXT NOT NULL, seq INTEGER NOT NULL, envelope TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID; DROP INDEX messages_parent; ALTER TABLE messages DROP COLUMN parent_id; ALTER TABLE threads DROP COLUMN head_id;
      DELETE FROM schema_migrations WHERE version >= 3;`)
    const at = '2026-01-01T00:00:00.000Z'
    old.db
      .prepare(`INSERT INTO threads (id, assistant_id, user_id, metadata, status, created_at, updated_at) VALUES ('t1', 'demo', 'u', '{}', 'idle', ?, ?)`)
      .run(at, at)
    for (const [id, size] of [
      ['f1', 10],
      ['f2', 20],
      ['f3', 5],
    ] as const) {
      old.db.prepare(`INSERT INTO files VALUES (?, 'hash', 'demo', 'u', NULL, 'n.txt', 'text/plain', ?, ?)`).run(id, size, at)
    }
    old.db
      .prepare(
        `INSERT INTO messages (id, thread_id, role, content, status, metadata, created_at, updated_at) VALUES ('m1', 't1', 'human', 'hi', 'success', ?, ?, ?)`,
      )
      .run(JSON.stringify({ files: [{ id: 'f1', name: 'n.txt' }, { id: 'never-stored' }] }), at, at)
    await old.close()

    const store = new SqliteStore({ dataDir: dir })
    expect(store.db.prepare('SELECT file_id, thread_id FROM file_links').all()).toEqual([{ file_id: 'f1', thread_id: 't1' }])
    expect(await store.files.usage({ assistantId: 'demo', userId: 'u' })).toEqual({ files: 3, bytes: 35 })
    // The sent file goes with its conversation; the two never sent are orphans.
    expect((await store.files.deleteOrphans('2027-01-01T00:00:00.000Z')).sort()).toEqual(['f2', 'f3'])
    expect(await store.files.deleteForThread('t1')).toEqual(['f1'])
    expect(await store.files.usage({ assistantId: 'demo', userId: 'u' })).toEqual({ files: 0, bytes: 0 })
    await store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
