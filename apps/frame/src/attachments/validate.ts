/**
 * Checks picked/pasted/dropped files against `composer.attachments` before anything is uploaded:
 * too large, too many and wrong type are refused here with a reason, never sent and rejected later.
 * `accept` has the `showOpenFilePicker` shape: `{'image/*': ['.png', '.jpg'], 'application/pdf': []}`.
 */
export type AttachmentRules = { enabled: boolean; maxSize?: number; maxCount?: number; accept?: Record<string, string[]> }

export type Refusal = { kind: 'tooLarge'; name: string; max: number } | { kind: 'tooMany'; max: number } | { kind: 'wrongType'; name: string }

function acceptsType(file: { name: string; type: string }, accept: Record<string, string[]> | undefined): boolean {
  if (!accept || !Object.keys(accept).length) return true
  const type = file.type.toLowerCase()
  const name = file.name.toLowerCase()
  return Object.entries(accept).some(([mime, exts]) => {
    const m = mime.toLowerCase()
    const mimeOk = m === '*/*' || m === type || (m.endsWith('/*') && type.startsWith(m.slice(0, -1)))
    const extOk = Array.isArray(exts) && exts.some((e) => typeof e === 'string' && name.endsWith(e.toLowerCase()))
    return mimeOk || extOk
  })
}

/** The `accept` attribute for the file input. */
export function acceptAttribute(accept: Record<string, string[]> | undefined): string | undefined {
  if (!accept) return undefined
  const parts = Object.entries(accept).flatMap(([mime, exts]) => [mime, ...(Array.isArray(exts) ? exts : [])])
  return parts.length ? parts.join(',') : undefined
}

export function checkFiles<F extends { name: string; size: number; type: string }>(
  files: readonly F[],
  alreadyAttached: number,
  rules: AttachmentRules,
): { accepted: F[]; refused: Refusal[] } {
  const accepted: F[] = []
  const refused: Refusal[] = []
  const room = rules.maxCount === undefined ? Infinity : Math.max(0, rules.maxCount - alreadyAttached)
  for (const f of files) {
    if (!acceptsType(f, rules.accept)) refused.push({ kind: 'wrongType', name: f.name })
    else if (rules.maxSize !== undefined && f.size > rules.maxSize) refused.push({ kind: 'tooLarge', name: f.name, max: rules.maxSize })
    else if (accepted.length >= room) {
      if (!refused.some((r) => r.kind === 'tooMany')) refused.push({ kind: 'tooMany', max: rules.maxCount! })
    } else accepted.push(f)
  }
  return { accepted, refused }
}
