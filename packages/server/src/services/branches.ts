import { conflict, badRequest } from '../http/errors.js'
import type { MessageRecord, ThreadRecord } from '../store/types.js'
import { iso } from '../util/clock.js'
import { newId } from '../util/ids.js'
import type { Principal } from './auth.js'
import type { ServiceDeps } from './deps.js'
import { createOwnedThread } from './threads.js'
import { toolFileIds } from '../engine/tool-attachments.js'

/**
 * "Branch in new chat": a new thread holding a copy of the branch from the first message to
 * `leafId` (default: the head), with new ids and the same shape; the files its questions carry
 * and its tool steps show are linked to the copy too, so deleting either conversation keeps the other's files. A branch
 * still being answered cannot be copied (409), and `leafId` must be a message of the thread (400).
 */
export async function copyBranch(deps: ServiceDeps, who: Principal, from: ThreadRecord, leafId: string | undefined): Promise<ThreadRecord> {
  const path = await deps.store.messages.path(from.id, leafId)
  if (leafId !== undefined && path.length === 0) throw badRequest('messageId: not a message of this conversation')
  if (path.some((m) => m.status === 'streaming')) throw conflict(`conversation ${from.id} is being answered; copy it when the answer ends`)
  const copy = await createOwnedThread(deps, who, { title: from.title, metadata: { ...from.metadata, copiedFrom: from.id } })
  const at = iso(deps.clock)
  const ids = new Map<string, string>()
  const files = new Set<string>()
  for (const m of path) {
    const id = newId()
    ids.set(m.id, id)
    const record: MessageRecord = { ...m, id, threadId: copy.id, runId: null, parentId: m.parentId ? (ids.get(m.parentId) ?? null) : null, updatedAt: at }
    await deps.store.messages.create(record)
    for (const f of Array.isArray(m.metadata.files) ? m.metadata.files : [])
      if (typeof (f as { id?: unknown })?.id === 'string') files.add((f as { id: string }).id)
    for (const id of toolFileIds(m.content)) files.add(id)
  }
  if (files.size) await deps.store.files.attach([...files], copy.id)
  return copy
}
