import type { ApiAttachment, MessageContent } from '@xpert-ai/chatkit-protocol'
import type { Owner, Store } from '../store/types.js'
import { isId } from '../util/ids.js'
import { AgentProtocolError } from './agent-protocol-error.js'

/** A tool step shows at most this many files. */
const MAX_TOOL_ATTACHMENTS = 20

/**
 * A `tool_end` event's `attachments` (file ids, or files with an `id`): each must be a stored file
 * of the thread's user (a file another user owns reads as missing, as everywhere). They are linked
 * to the conversation, so they live as long as it does, and become the step's `data.attachments`.
 */
export async function toolAttachments(store: Store, owner: Owner, threadId: string, raw: unknown): Promise<ApiAttachment[]> {
  const what = 'agent tool_end event: attachments'
  if (!Array.isArray(raw)) throw new AgentProtocolError(`${what} must be an array of file ids or files ({id})`)
  if (raw.length > MAX_TOOL_ATTACHMENTS) throw new AgentProtocolError(`${what}: at most ${MAX_TOOL_ATTACHMENTS} files, got ${raw.length}`)
  const files: ApiAttachment[] = []
  for (const a of raw) {
    const id: unknown = typeof a === 'string' ? a : (a as { id?: unknown } | null)?.id
    if (typeof id !== 'string') throw new AgentProtocolError(`${what}: each must be a file id or a file ({id})`)
    const f = isId(id) ? await store.files.get(id) : null
    if (!f || f.assistantId !== owner.assistantId || f.userId !== owner.userId) throw new AgentProtocolError(`${what}: no file ${id.slice(0, 64)} of this user`)
    files.push({ id: f.id, name: f.name, mimeType: f.mimeType, size: f.size })
  }
  if (files.length)
    await store.files.attach(
      files.map((f) => f.id),
      threadId,
    )
  return files
}

/** The ids of the files the tool steps of an answer show (a copied branch links them to the copy too). */
export function toolFileIds(content: unknown): string[] {
  if (!Array.isArray(content)) return []
  return (content as MessageContent[]).flatMap((p) =>
    p?.type === 'component' && Array.isArray(p.data?.attachments) ? p.data.attachments.flatMap((f) => (typeof f?.id === 'string' ? [f.id] : [])) : [],
  )
}
