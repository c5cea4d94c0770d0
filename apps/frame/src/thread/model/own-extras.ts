/**
 * What a user's own message was sent with, shown under it: its files and its references (mentions,
 * quotes). One reading for both sources: the run request the frame sends (`input.input.files` /
 * `references`) and a stored human message (`attachments` / `references`, XpertAI's names too).
 */
export type OwnAttachment = { id: string; name: string; mimeType: string; size?: number }
export type OwnReference = { type: 'entity'; id: string; title: string } | { type: 'quote'; text: string } | { type: 'code' | 'image'; text: string }
export type OwnExtras = { attachments: OwnAttachment[]; references: OwnReference[] }

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** `files`: `{id, name, mimeType, size?}` (or `originalName` / `mimetype`); `references`: as sent. Unusable items are skipped. */
export function ownExtras(files: unknown, references: unknown): OwnExtras {
  const attachments = (Array.isArray(files) ? files : []).flatMap((f): OwnAttachment[] => {
    const name = f?.name ?? f?.originalName
    if (!str(f?.id) || !str(name)) return []
    const mimeType = str(f.mimeType) ? f.mimeType : str(f.mimetype) ? f.mimetype : 'application/octet-stream'
    return [{ id: f.id, name, mimeType, ...(typeof f.size === 'number' ? { size: f.size } : {}) }]
  })
  const refs = (Array.isArray(references) ? references : []).flatMap((r): OwnReference[] => {
    if (r?.type === 'entity' && str(r.id)) return [{ type: 'entity', id: r.id, title: str(r.title) ? r.title : r.id }]
    if ((r?.type === 'quote' || r?.type === 'code' || r?.type === 'image') && str(r.text)) return [{ type: r.type, text: r.text }]
    return []
  })
  return { attachments, references: refs }
}
