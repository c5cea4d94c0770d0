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
