import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { AgentFile } from '../agent/types.js'
import type { ServiceDeps } from './deps.js'
import { badRequest, notFound } from '../http/errors.js'
import type { FileRecord } from '../store/types.js'
import { isId } from '../util/ids.js'
import type { Principal } from './auth.js'

/** Where the owner reads a file back (with their client secret): on `publicUrl` when set, else the request's origin. */
export function fileUrl(deps: ServiceDeps, origin: string, id: string): string {
  return `${deps.publicOrigin ?? origin}${deps.basePath}/contexts/file/${id}`
}

/** Loads a file the caller owns; someone else's is a 404 like a missing one. */
export async function requireOwnedFile(deps: ServiceDeps, who: Principal, id: string): Promise<FileRecord> {
  const f = isId(id) ? await deps.store.files.get(id) : null
  if (!f || f.assistantId !== who.assistantId || f.userId !== who.userId) throw notFound(`file ${id.slice(0, 64)} not found`)
  return f
}

/** `input.input.files: [{id}]` → the metadata the agent sees. Unknown or foreign ids are a 400 naming the index. */
export async function resolveFiles(deps: ServiceDeps, who: Principal, ids: string[], origin: string): Promise<AgentFile[]> {
  const out: AgentFile[] = []
  for (const [i, id] of ids.entries()) {
    const f = await requireOwnedFile(deps, who, id).catch(() => {
      throw badRequest(`input.input.files[${i}].id: no uploaded file "${id.slice(0, 64)}"`, ApiErrorCodes.FileNotFound)
    })
    out.push({ id: f.id, name: f.name, mimeType: f.mimeType, size: f.size, url: fileUrl(deps, origin, f.id) })
  }
  return out
}

/** A display name: no path, no control characters, at most 255 characters. Never used as a path. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips C0 control characters and DEL from display names on purpose
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255)
  return clean || 'file'
}
