import type { MessageRecord, MessageStatus } from './types.js'

/**
 * A `messages` row as SQL stores read it (snake_case columns; content and metadata as JSON text):
 * the same columns in the SQLite store and in `@xpert-ai/chatkit-server-postgres`.
 */
export type MessageRow = {
  id: string
  thread_id: string
  run_id: string | null
  role: MessageRecord['role']
  content: string
  status: MessageStatus
  error: string | null
  metadata: string
  created_at: string
  updated_at: string
  parent_id?: string | null
}

/** The `MessageRecord` of a stored row (one mapping for every SQL store). */
export function messageFromRow(r: MessageRow): MessageRecord {
  return {
    id: r.id,
    threadId: r.thread_id,
    runId: r.run_id,
    role: r.role,
    content: JSON.parse(r.content),
    status: r.status,
    error: r.error,
    metadata: JSON.parse(r.metadata),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    parentId: r.parent_id ?? null,
  }
}
