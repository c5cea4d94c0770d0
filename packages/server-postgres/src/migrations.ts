import type { Sql } from 'postgres'

/**
 * Versioned schema, the PostgreSQL twin of the SQLite store's. Each entry runs once, in order,
 * recorded in `schema_migrations`, all in one transaction; replicas starting together serialize
 * on a transaction-scoped advisory lock. Never edit a released entry: append a new one.
 *
 * Timestamps stay ISO-8601 text and JSON stays text (as in SQLite): records round-trip exactly
 * and the routes' ordering by `updated_at` is a plain text comparison.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'sessions, threads, runs, messages, files, feedback',
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE TABLE sessions (
        secret_hash TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX sessions_expires_at ON sessions(expires_at);

      -- seq breaks ties between threads updated in the same millisecond (SQLite's rowid).
      CREATE TABLE threads (
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        title TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX threads_owner ON threads(assistant_id, user_id, updated_at DESC, seq DESC);
      -- Conversation search: ILIKE '%term%' on titles and message bodies uses these trigram indexes.
      CREATE INDEX threads_title_trgm ON threads USING gin (title gin_trgm_ops);

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
      CREATE INDEX runs_active ON runs(status) WHERE status IN ('running', 'pending');

      CREATE TABLE messages (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
      CREATE INDEX messages_thread_role ON messages(thread_id, role, seq DESC);
      CREATE INDEX messages_run ON messages(run_id);
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
      -- Only settled messages: a streaming answer is rewritten every second, and keeping its
      -- trigrams current would double the cost of each save (measured: bench/clients.mjs).
      CREATE INDEX messages_content_trgm ON messages USING gin (content gin_trgm_ops) WHERE status <> 'streaming';

      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        thread_id TEXT,
        name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size BIGINT NOT NULL,
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
      CREATE INDEX feedbacks_owner ON feedbacks(assistant_id, user_id, message_id);
    `,
  },
  {
    version: 2,
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
      );
      CREATE INDEX file_links_thread ON file_links(thread_id);
      INSERT INTO file_links (file_id, thread_id)
        SELECT DISTINCT j.value->>'id', m.thread_id FROM messages m, jsonb_array_elements(
          CASE WHEN jsonb_typeof(m.metadata::jsonb->'files') = 'array' THEN m.metadata::jsonb->'files' ELSE '[]'::jsonb END) j
        WHERE j.value->>'id' IN (SELECT id FROM files)
        ON CONFLICT DO NOTHING;
      -- Uploads in progress: each holds one file and the bytes received so far.
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        bytes BIGINT NOT NULL DEFAULT 0,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX uploads_owner ON uploads(assistant_id, user_id);
      CREATE INDEX uploads_expires ON uploads(expires_at);
      -- Usage per user and for the whole server (id 0), stored files plus uploads in progress.
      -- Every change locks the user's row (and the totals row when a disk quota applies) first.
      CREATE TABLE upload_usage (
        assistant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        files BIGINT NOT NULL,
        bytes BIGINT NOT NULL,
        PRIMARY KEY (assistant_id, user_id)
      );
      INSERT INTO upload_usage SELECT assistant_id, user_id, COUNT(*), SUM(size) FROM files GROUP BY assistant_id, user_id;
      CREATE TABLE upload_totals (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        files BIGINT NOT NULL,
        bytes BIGINT NOT NULL
      );
      INSERT INTO upload_totals SELECT 0, COUNT(*), COALESCE(SUM(size), 0) FROM files;
    `,
  },
  {
    version: 3,
    name: 'follow-ups waiting for their thread, shared by every replica',
    sql: `
      CREATE TABLE follow_ups (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    version: 4,
    name: 'message tree: parent ids and a head per thread',
    sql: `
      ALTER TABLE messages ADD COLUMN parent_id TEXT;
      ALTER TABLE threads ADD COLUMN head_id TEXT;
      -- Every conversation so far is one branch: each message's parent is the one stored before it.
      UPDATE messages m SET parent_id = p.prev FROM (
        SELECT id, LAG(id) OVER (PARTITION BY thread_id ORDER BY seq) AS prev FROM messages
      ) p WHERE p.id = m.id;
      UPDATE threads t SET head_id = (SELECT m.id FROM messages m WHERE m.thread_id = t.id ORDER BY m.seq DESC LIMIT 1);
      CREATE INDEX messages_parent ON messages(parent_id);
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version

/** The database holds a schema a newer server wrote: this one must not touch it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`PostgreSQL schema version ${found} is newer than this server supports (${supported}); upgrade the server`)
  }
}

// Any constant: every replica takes the same lock, so only one migrates at a time.
const LOCK_KEY = 0x43_4b_4d_47 // "CKMG"

/** Brings the schema up to date; returns the version. Throws `SchemaTooNewError` before changing anything. */
export async function migrate(sql: Sql, at: string, migrations = MIGRATIONS): Promise<number> {
  return sql.begin(async (tx) => {
    await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
    await tx.unsafe(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
    const [{ v }] = await tx.unsafe<{ v: number | null }[]>('SELECT MAX(version) AS v FROM schema_migrations')
    const current = v ?? 0
    const latest = migrations[migrations.length - 1].version
    if (current > latest) throw new SchemaTooNewError(current, latest)
    for (const m of migrations) {
      if (m.version <= current) continue
      // No parameters: the simple protocol, which runs a script of several statements.
      await tx.unsafe(m.sql)
      await tx.unsafe('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, at])
    }
    return latest
  }) as Promise<number>
}
