import type { Owner } from '@xpert-ai/chatkit-server'
import type { TransactionSql } from 'postgres'
import type { Row } from './db.js'

export type Usage = { files: number; bytes: number }

/**
 * Locks one user's usage row (`SELECT … FOR UPDATE`, creating it at zero first) and returns it.
 * Every change to a user's usage takes this lock first, so two uploads racing for the last slot
 * run one after the other. Rows are never deleted (a user at zero keeps a zero row): a deleted row
 * would let a waiter wake up to no row and count from nothing.
 */
export async function lockUser(tx: TransactionSql, o: Owner): Promise<Usage> {
  await tx.unsafe('INSERT INTO upload_usage (assistant_id, user_id, files, bytes) VALUES ($1, $2, 0, 0) ON CONFLICT DO NOTHING', [o.assistantId, o.userId])
  const [r] = await tx.unsafe<Row[]>('SELECT files, bytes FROM upload_usage WHERE assistant_id = $1 AND user_id = $2 FOR UPDATE', [o.assistantId, o.userId])
  return { files: Number(r.files), bytes: Number(r.bytes) }
}

/** Locks the server-wide totals row (after any user row: one lock order, no deadlock). */
export async function lockTotals(tx: TransactionSql): Promise<Usage> {
  const [r] = await tx.unsafe<Row[]>('SELECT files, bytes FROM upload_totals WHERE id = 0 FOR UPDATE')
  return { files: Number(r.files), bytes: Number(r.bytes) }
}

/** Moves one user's usage (locked by the caller) and the totals by (files, bytes). */
export async function adjust(tx: TransactionSql, o: Owner, files: number, bytes: number): Promise<void> {
  await tx.unsafe('UPDATE upload_usage SET files = files + $3, bytes = bytes + $4 WHERE assistant_id = $1 AND user_id = $2', [
    o.assistantId,
    o.userId,
    files,
    bytes,
  ])
  await tx.unsafe('UPDATE upload_totals SET files = files + $1, bytes = bytes + $2 WHERE id = 0', [files, bytes])
}

/**
 * Deletes file rows (their links cascade) and frees their usage: the owners' rows are locked in
 * one sorted order, then each owner's total goes down once. Returns the ids.
 */
export async function removeFiles(tx: TransactionSql, rows: Row[]): Promise<string[]> {
  const byOwner = new Map<string, { owner: Owner; files: number; bytes: number }>()
  for (const r of rows) {
    const key = JSON.stringify([r.assistant_id, r.user_id])
    const o = byOwner.get(key) ?? { owner: { assistantId: r.assistant_id, userId: r.user_id }, files: 0, bytes: 0 }
    o.files += 1
    o.bytes += Number(r.size)
    byOwner.set(key, o)
  }
  const owners = [...byOwner.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o)
  for (const o of owners) await lockUser(tx, o.owner)
  const ids = rows.map((r) => r.id as string)
  if (ids.length) await tx`DELETE FROM files WHERE id IN ${tx(ids)}`
  for (const o of owners) await adjust(tx, o.owner, -o.files, -o.bytes)
  return ids
}
