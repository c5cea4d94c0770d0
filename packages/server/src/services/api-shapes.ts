import type { ApiMessage, ApiThread } from '@xpert-ai/chatkit-protocol'
import type { MessageRecord, ThreadRecord } from '../store/types.js'

/** Store records → wire shapes. The only place that knows both. */

export function toApiThread(t: ThreadRecord): ApiThread {
  return { thread_id: t.id, created_at: t.createdAt, updated_at: t.updatedAt, metadata: t.metadata, status: t.status }
}

export function toApiMessage(m: MessageRecord): ApiMessage {
  return {
    id: m.id,
    conversationId: m.threadId,
    role: m.role,
    content: m.content,
    status: m.status,
    ...(m.error ? { error: m.error } : {}),
    ...(m.runId ? { runId: m.runId } : {}),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  }
}
