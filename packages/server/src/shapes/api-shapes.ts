import type { ApiAttachment, ApiMessage, ApiThread } from '@xpert-ai/chatkit-protocol'
import type { FeedbackRecord, FileRecord, MessageRecord, RunRecord, ThreadRecord } from '../store/types.js'

/** Store records → wire shapes. The only place that knows both. */

export function toApiThread(t: ThreadRecord): ApiThread {
  const metadata = t.title ? { ...t.metadata, title: t.title } : t.metadata
  return { thread_id: t.id, created_at: t.createdAt, updated_at: t.updatedAt, metadata, status: t.status }
}

/** A conversation as `POST /conversations/search` lists it (conversation id == thread id). */
export function toApiConversation(t: ThreadRecord) {
  return { id: t.id, threadId: t.id, title: t.title, status: t.status, createdAt: t.createdAt, updatedAt: t.updatedAt }
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
    ...(m.role === 'ai' && typeof m.metadata?.durationMs === 'number' ? { durationMs: m.metadata.durationMs } : {}),
    ...(m.parentId !== undefined ? { parentId: m.parentId } : {}),
    ...(m.role === 'human' ? humanExtras(m.metadata) : {}),
  }
}

/** What a human message was sent with (stored in its metadata by the run): files and references. */
function humanExtras(meta: Record<string, unknown>): Pick<ApiMessage, 'attachments' | 'references'> {
  const files = Array.isArray(meta.files) ? (meta.files as Partial<ApiAttachment>[]) : []
  const attachments = files.flatMap((f) =>
    typeof f?.id === 'string' && typeof f.name === 'string'
      ? [
          {
            id: f.id,
            name: f.name,
            mimeType: typeof f.mimeType === 'string' ? f.mimeType : 'application/octet-stream',
            ...(typeof f.size === 'number' ? { size: f.size } : {}),
          },
        ]
      : [],
  )
  const references = Array.isArray(meta.references) ? meta.references : []
  return { ...(attachments.length ? { attachments } : {}), ...(references.length ? { references } : {}) }
}

export function toApiRun(r: RunRecord) {
  return {
    run_id: r.id,
    thread_id: r.threadId,
    assistant_id: r.assistantId,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }
}

/** `url` is where the owner fetches it back (with their client secret). */
export function toApiFile(f: FileRecord, url: string) {
  return { id: f.id, name: f.name, mimeType: f.mimeType, size: f.size, url, createdAt: f.createdAt }
}

export function toApiFeedback(f: FeedbackRecord) {
  return { messageId: f.messageId, rating: f.rating, content: f.content, createdAt: f.createdAt, updatedAt: f.updatedAt }
}
