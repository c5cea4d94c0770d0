import './chips.css'
import type { BasicRoot, Entity } from '@xpert-ai/chatkit-protocol'
import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { WidgetPreview } from './WidgetPreview.js'

export type MentionChipsProps = {
  entities: Entity[]
  onRemove(id: string): void
  /** `entities.onClick` in the host, when defined. */
  onOpen?: (e: Entity) => void
  /** `entities.onRequestPreview` in the host, when defined. */
  requestPreview?: (e: Entity) => Promise<BasicRoot | null>
}

/** The @-mentioned entities of the message being written, as chips with a hover/focus preview. */
export function MentionChips({ entities, onRemove, onOpen, requestPreview }: MentionChipsProps) {
  const [preview, setPreview] = useState<{ id: string; root: BasicRoot } | null>(null)
  if (!entities.length) return null
  // `Entity.interactive: false`: a plain chip, no click and no preview.
  const show = (e: Entity) => {
    if (!requestPreview || e.interactive === false) return
    requestPreview(e).then(
      (root) => setPreview(root ? { id: e.id, root } : null),
      () => setPreview(null),
    )
  }
  return (
    <ul class="ck-chips" aria-label={t('composer.tags')}>
      {entities.map((e) => (
        <li key={e.id} class="ck-chip" onMouseEnter={() => show(e)} onMouseLeave={() => setPreview(null)}>
          <button
            type="button"
            class="ck-chip-main"
            aria-describedby={preview?.id === e.id ? `ck-preview-${e.id}` : undefined}
            onClick={() => e.interactive !== false && onOpen?.(e)}
            aria-disabled={e.interactive === false ? 'true' : undefined}
            onFocus={() => show(e)}
            onBlur={() => setPreview(null)}
          >
            @{e.title}
          </button>
          <button type="button" class="ck-chip-remove" aria-label={t('composer.remove', { name: e.title })} onClick={() => onRemove(e.id)}>
            ×
          </button>
          {preview?.id === e.id && (
            <div class="ck-preview" role="tooltip" id={`ck-preview-${e.id}`} aria-label={t('composer.preview', { name: e.title })}>
              <WidgetPreview id={e.id} root={preview.root} />
            </div>
          )}
        </li>
      ))}
    </ul>
  )
}
