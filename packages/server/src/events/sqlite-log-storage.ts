import type Database from 'better-sqlite3'

/** A run's events as the SQLite log keeps them: their seqs and stored JSON, in order. */
export type Kept = { seqs: number[]; jsons: string[] }

/**
 * A closed run's events as one value (`run_event_logs.events`): a line per event, its seq, a
 * space, its JSON. `JSON.stringify` never writes a raw line feed, so lines cannot be confused.
 */
export function archiveOf(kept: Kept): string {
  let text = ''
  for (let i = 0; i < kept.seqs.length; i++) text += `${i ? '\n' : ''}${kept.seqs[i]} ${kept.jsons[i]}`
  return text
}

/** The events of an archive (none for a run closed before any event). */
export function eventsOfArchive(text: string | null): Kept {
  const kept: Kept = { seqs: [], jsons: [] }
  if (!text) return kept
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ')
    kept.seqs.push(Number(line.slice(0, space)))
    kept.jsons.push(line.slice(space + 1))
  }
  return kept
}

type StatementName = 'insert' | 'open' | 'close' | 'log' | 'journalOf' | 'trimJournal' | 'openLogs' | 'span' | 'openBefore' | 'setFirst' | 'trimLogs'

/** The SQLite log's statements: the journal (a row per event, in arrival order) and `run_event_logs` (a row per run, its archive once closed). */
export function statementsOf(db: Database.Database): Record<StatementName, Database.Statement> {
  return {
    insert: db.prepare('INSERT INTO run_event_journal (run_id, seq, envelope) VALUES (?, ?, ?)'),
    open: db.prepare('INSERT OR IGNORE INTO run_event_logs (run_id, closed_at, first_row) VALUES (?, NULL, ?)'),
    close: db.prepare('UPDATE run_event_logs SET closed_at = ?, events = ? WHERE run_id = ?'),
    log: db.prepare('SELECT closed_at, events, first_row FROM run_event_logs WHERE run_id = ?'),
    journalOf: db.prepare('SELECT seq, envelope FROM run_event_journal WHERE rowid >= ? AND run_id = ? ORDER BY rowid'),
    // Rows before the first row of every run still open belong to closed runs (their archive has them).
    trimJournal: db.prepare(
      'DELETE FROM run_event_journal WHERE rowid < COALESCE((SELECT MIN(first_row) FROM run_event_logs WHERE closed_at IS NULL), 9223372036854775807)',
    ),
    openLogs: db.prepare('SELECT run_id FROM run_event_logs WHERE closed_at IS NULL'),
    span: db.prepare('SELECT (SELECT MIN(first_row) FROM run_event_logs WHERE closed_at IS NULL) AS first, (SELECT MAX(rowid) FROM run_event_journal) AS last'),
    openBefore: db.prepare('SELECT run_id FROM run_event_logs WHERE closed_at IS NULL AND first_row < ?'),
    setFirst: db.prepare('UPDATE run_event_logs SET first_row = ? WHERE run_id = ?'),
    trimLogs: db.prepare('DELETE FROM run_event_logs WHERE closed_at < ?'),
  }
}
