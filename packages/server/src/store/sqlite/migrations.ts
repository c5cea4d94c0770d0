import type Database from 'better-sqlite3'

/**
 * Versioned schema. Each entry runs once, in order, inside a transaction, and is recorded in
 * `schema_migrations`. Never edit a released entry: append a new one.
 */
const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'sessions, threads, messages, runs',
    sql: `
      CREATE TABLE sessions (
        secret_hash TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX sessions_expires_at ON sessions(expires_at);

      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX threads_owner ON threads(assistant_id, user_id, updated_at);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        assistant_id TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX runs_thread ON runs(thread_id);
      CREATE INDEX runs_status ON runs(status);

      -- seq gives a stable oldest-first order that timestamps alone cannot (same-millisecond rows).
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
        role TEXT NOT NULL CHECK (role IN ('human', 'ai')),
        content TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX messages_thread ON messages(thread_id, seq);
      CREATE INDEX messages_status ON messages(status);
    `,
  },
  {
    version: 2,
    name: 'titles, files, feedback, persisted run events',
    sql: `
      ALTER TABLE threads ADD COLUMN title TEXT;
      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        thread_id TEXT,
        name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX files_secret ON files(secret_hash);
      CREATE TABLE feedbacks (
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('like', 'dislike')),
        content TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (message_id, assistant_id, user_id)
      );
      CREATE TABLE run_events (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        envelope TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
      -- One row per run log; closed_at (unix ms) drives the trimming of old events.
      CREATE TABLE run_event_logs (
        run_id TEXT PRIMARY KEY,
        closed_at INTEGER
      );
      CREATE INDEX run_event_logs_closed ON run_event_logs(closed_at);
    `,
  },
  {
    version: 3,
    name: 'upload quotas per user, file links to conversations, uploads in progress',
    sql: `
      DROP INDEX files_secret;
      CREATE INDEX files_owner ON files(assistant_id, user_id);
      CREATE INDEX files_created ON files(created_at);
      CREATE INDEX files_thread ON files(thread_id);
      -- A file lives as long as one conversation whose messages refer to it.
      CREATE TABLE file_links (
        file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        PRIMARY KEY (file_id, thread_id)
      ) WITHOUT ROWID;
      CREATE INDEX file_links_thread ON file_links(thread_id);
      INSERT OR IGNORE INTO file_links (file_id, thread_id)
        SELECT json_extract(j.value, '$.id'), m.thread_id FROM messages m, json_each(m.metadata, '$.files') j
        WHERE json_valid(m.metadata) AND json_extract(j.value, '$.id') IN (SELECT id FROM files);
      -- Uploads in progress: each holds one file and the bytes received so far.
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        bytes INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX uploads_owner ON uploads(assistant_id, user_id);
      CREATE INDEX uploads_expires ON uploads(expires_at);
      -- Usage per user and for the whole server (id 0), stored files plus uploads in progress.
      CREATE TABLE upload_usage (
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (assistant_id, user_id)
      ) WITHOUT ROWID;
      INSERT INTO upload_usage SELECT assistant_id, user_id, COUNT(*), SUM(size) FROM files GROUP BY assistant_id, user_id;
      CREATE TABLE upload_totals (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL
      );
      INSERT INTO upload_totals SELECT 0, COUNT(*), COALESCE(SUM(size), 0) FROM files;
    `,
  },
  {
    version: 4,
    name: 'run-event journal: events in arrival order, moved into run_events in batches',
    sql: `
      -- No index: written at its end, read whole when its rows move (sqlite-event-log.ts).
      CREATE TABLE run_event_journal (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        envelope TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'follow-ups waiting for their thread, shared by every process',
    sql: `
      CREATE TABLE follow_ups (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        run_id TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('queue', 'steer')),
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX follow_ups_thread ON follow_ups(thread_id, seq);
      CREATE INDEX follow_ups_run ON follow_ups(run_id);
    `,
  },
  {
    version: 6,
    name: 'message tree: parent ids and a head per thread',
    sql: `
      ALTER TABLE messages ADD COLUMN parent_id TEXT;
      ALTER TABLE threads ADD COLUMN head_id TEXT;
      -- Every conversation so far is one branch: each message's parent is the one stored before it.
      UPDATE messages SET parent_id = (SELECT p.id FROM messages p WHERE p.thread_id = messages.thread_id AND p.seq < messages.seq ORDER BY p.seq DESC LIMIT 1);
      UPDATE threads SET head_id = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id ORDER BY m.seq DESC LIMIT 1);
      CREATE INDEX messages_parent ON messages(parent_id);
    `,
  },
  {
    version: 7,
    name: 'run events: the journal alone while a run is open, one archive value per closed run',
    sql: `
      ALTER TABLE run_event_logs ADD COLUMN first_row INTEGER;
      ALTER TABLE run_event_logs ADD COLUMN events TEXT;
      -- What a stopped process left in the journal joins run_events first.
      INSERT OR IGNORE INTO run_events (run_id, seq, envelope) SELECT run_id, seq, envelope FROM run_event_journal;
      DELETE FROM run_event_journal;
      -- A closed run's events become its archive: a line per event, its seq, a space, its JSON.
      UPDATE run_event_logs SET events = (SELECT group_concat(seq || ' ' || envelope, char(10) ORDER BY seq) FROM run_events e WHERE e.run_id = run_event_logs.run_id)
        WHERE closed_at IS NOT NULL;
      -- A run left open (its process died) goes back to the journal, where the next start finds it.
      INSERT INTO run_event_journal (run_id, seq, envelope)
        SELECT e.run_id, e.seq, e.envelope FROM run_events e JOIN run_event_logs l ON l.run_id = e.run_id WHERE l.closed_at IS NULL ORDER BY e.run_id, e.seq;
      UPDATE run_event_logs SET first_row = (SELECT MIN(rowid) FROM run_event_journal j WHERE j.run_id = run_event_logs.run_id) WHERE closed_at IS NULL;
      DROP TABLE run_events;
    `,
  },
]

export function migrate(db: Database.Database, at: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this server (${latest}); upgrade the server`)
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, at)
    })()
  }
  return latest
}
